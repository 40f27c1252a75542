// A producer service in a few lines: run JavaScript functions through IIsolatedRuntimeClient. Here the fleet is
// embedded (in this process, nothing to install); the same client code talks to a real fleet with
// AddIsolatedRuntimeClient(options => options.RabbitMq = "amqp://…").
//
//   dotnet run -- ../          (the folder holding hello/index.js, i.e. the repository's examples/)
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Embedded;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var codeBase = Path.GetFullPath(args.Length > 0 ? args[0] : "..");
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddIsolatedRuntimeEmbedded(worker => worker.CodeBase = codeBase);
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<IIsolatedRuntimeClient>();

var sum = await client.RunAsync<int>(new RunRequest { Root = "hello", File = "index.js", FuncName = "add", Args = [2, 3] });
Console.WriteLine($"add(2, 3) = {sum}");

var greeting = await client.RunAsync(new RunRequest
{
    Root = "hello",
    File = "index.js",
    FuncName = "greet",
    Args = ["Ada"],
    Context = new Dictionary<string, string> { ["greeting"] = "Bonjour" },
});
Console.WriteLine($"greet('Ada') = {greeting.GetResult<string>()} (logged: {string.Join(" | ", greeting.Logs.Select(log => log.Message))})");

RunErrorKind? fault = null;
try
{
    await client.RunAsync<int>(new RunRequest { Root = "hello", File = "index.js", FuncName = "missing" });
}
catch (RunFaultedException ex)
{
    fault = ex.Kind;
    Console.WriteLine($"missing() faulted: {ex.Kind}: {ex.Message}");
}

await host.StopAsync();
var ok = sum == 5 && greeting.GetResult<string>() == "Bonjour, Ada!" && fault == RunErrorKind.FunctionNotFound;
Console.WriteLine(ok ? "producer sample: OK" : "producer sample: FAILED");
return ok ? 0 : 1;
