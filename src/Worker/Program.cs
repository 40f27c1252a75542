using IsolatedRuntime.Worker.Extensions;
using IsolatedRuntime.Worker.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

if (WorkerProbe.IsProbe(args))
{
    return await WorkerProbe.RunAsync(args, Console.Out);
}

// Options are read once at start, so nothing reloads: without this the host watches its content root (the current
// directory, recursively) for appsettings changes, and a worker started by hand beside a broker's or Redis's data
// directory woke for their every write (about two wake-ups per request, measured; docs/benchmarks.md).
var settings = new HostApplicationBuilderSettings { Args = args, Configuration = new ConfigurationManager() };
settings.Configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
var builder = Host.CreateApplicationBuilder(settings);
builder.AddIsolatedRuntimeWorker();
try
{
    builder.Build().Run();
    return 0;
}
catch (OptionsValidationException)
{
    // The host has logged which setting to fix; exit without a crash dump.
    return 2;
}
