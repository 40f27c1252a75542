using System.Diagnostics;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The Python producer in examples/python, written from the wire contract in docs/fleet.md alone, runs against a real
/// worker: the RPC idiom with a server-named reply queue, the envelope with a response address, publish and subscribe
/// on the outcome exchanges, the outcome read from Redis, and a request routed by its tenant. So the contract cannot drift from the behaviour.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class PythonProducerTests(FleetServices services)
{
    private static readonly TimeSpan _within = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_Python_example_producer_gets_every_answer_the_docs_promise()
    {
        // Tenant acme is listed, so the producer's tenant request goes through acme's own queue.
        await using var fleet = await FleetHarness.StartAsync(services, Path.Combine(Repository.Root, "examples"), settings: new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Tenants:Limits:acme:MaxConcurrentRuns"] = "4",
        });

        var (exitCode, output, errors) = await RunAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMq"] = services.RabbitMq,
            ["ConnectionStrings__Redis"] = services.Redis,
            ["ISOLATED_RUNTIME_QUEUE"] = fleet.Name,
            ["ISOLATED_RUNTIME_KEY_PREFIX"] = fleet.KeyPrefix,
        });

        Assert.True(exitCode == 0, $"examples/python/producer.py exited {exitCode}: {errors}\n{output}");
        Assert.Equal(
            ["rpc: 5", "reply: 5", "event: 42", "fault: FunctionNotFound", "stored: 42 (fromCache false)", "batch: [3, 7]", "cancel: Canceled", "tenant: 5"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    // Debian's interpreter, where python3-pika is installed, even when another python3 comes first on the PATH.
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Python, [Path.Combine(Repository.Root, "examples", "python", "producer.py")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(_within);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }
}
