using IsolatedRuntime.Worker.Extensions;
using IsolatedRuntime.Worker.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

if (WorkerProbe.IsProbe(args))
{
    return await WorkerProbe.RunAsync(args, Console.Out);
}

var builder = Host.CreateApplicationBuilder(args);
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
