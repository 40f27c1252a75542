using System.Globalization;
using System.Text.RegularExpressions;
using IsolatedRuntime.Client;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>The Prometheus text a worker serves: run counters and the duration histogram by outcome, sandbox gauges,
/// cache lookups, and MassTransit's own meter.</summary>
[Collection(FleetCollection.Name)]
public sealed partial class MetricsEndpointTests(FleetServices services) : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Fact]
    public async Task Scraped_metrics_count_runs_and_their_durations_per_outcome_kind()
    {
        var name = $"ops-{Guid.NewGuid():N}";
        var metricsPort = FreePort.Next();

        // A worker process of its own, as in production: MassTransit keeps its meter in static state, which the many
        // in-process worker hosts of this test assembly would share (and dispose) between them.
        await using var worker = await WorkerProcess.StartAsync($"{name}-w0", new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMq"] = services.RabbitMq,
            ["ConnectionStrings__Redis"] = services.Redis,
            ["IsolatedRuntime__CodeBase"] = _codeBase.Root,
            ["IsolatedRuntime__QueueName"] = name,
            ["IsolatedRuntime__ResultStore__KeyPrefix"] = $"{name}:",
            ["IsolatedRuntime__Sandbox__Pool__MaxThreads"] = "2",
            ["IsolatedRuntime__Telemetry__PrometheusPort"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        });
        await using var client = await ClientHost.StartAsync(services, $"{name}:", name);
        var repeated = new RunRequest { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "add", Args = [1, 2] };

        for (var i = 0; i < 3; i++)
        {
            await client.Client.RunAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [i, 1] });
        }

        for (var i = 0; i < 2; i++)
        {
            await client.Client.RunAsync(new RunRequest { Root = "faults", File = "index.js", FuncName = "throws" });
        }

        await client.Client.RunAsync(new RunRequest { Root = "faults", File = "index.js", FuncName = "missingModule" });
        await client.Client.RunAsync(repeated);
        await client.Client.RunAsync(repeated);
        var text = await ScrapeWhenAsync(metricsPort, "messaging_masstransit_consume", TimeSpan.FromSeconds(30));

        Assert.Equal(4, Sample(text, "isolated_runtime_runs_executed_total", "outcome", "Completed"));
        Assert.Equal(2, Sample(text, "isolated_runtime_runs_executed_total", "outcome", "UserError"));
        Assert.Equal(1, Sample(text, "isolated_runtime_runs_executed_total", "outcome", "ModuleNotFound"));
        Assert.Equal(4, Sample(text, "isolated_runtime_run_duration_milliseconds_count", "outcome", "Completed"));
        Assert.Equal(2, Sample(text, "isolated_runtime_run_duration_milliseconds_count", "outcome", "UserError"));
        Assert.Equal(1, Sample(text, "isolated_runtime_run_duration_milliseconds_count", "outcome", "ModuleNotFound"));
        Assert.Equal(1, Sample(text, "isolated_runtime_cache_lookups_total", "result", "hit"));
        Assert.Equal(7, Sample(text, "isolated_runtime_cache_lookups_total", "result", "miss"));
        Assert.InRange(Sample(text, "isolated_runtime_sandbox_threads", "state", "busy") + Sample(text, "isolated_runtime_sandbox_threads", "state", "idle"), 1, 2);
        Assert.Equal(0, Sample(text, "isolated_runtime_sandbox_threads", "state", "retired"));
        Assert.Contains("isolated_runtime_run_start_delay_milliseconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("messaging_masstransit_consume", text, StringComparison.Ordinal);
    }

    // MassTransit records a consume after the consumer has answered, so the client can be done before the worker's
    // meter shows it: scrape until it does (bounded), then read every figure from that one scrape.
    private static async Task<string> ScrapeWhenAsync(int metricsPort, string expected, TimeSpan within)
    {
        using var http = new HttpClient();
        var metrics = new Uri($"http://127.0.0.1:{metricsPort}/metrics");
        var deadline = DateTime.UtcNow + within;
        var text = await http.GetStringAsync(metrics);
        while (!text.Contains(expected, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            text = await http.GetStringAsync(metrics);
        }

        return text;
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> whose label <paramref name="label"/> is
    /// <paramref name="value"/>; 0 when there is none.</summary>
    private static double Sample(string text, string metric, string label, string value)
    {
        var samples = text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains($"{label}=\"{value}\"", StringComparison.Ordinal))
            .Select(line => SampleValue().Match(line))
            .Where(match => match.Success)
            .Select(match => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
        return samples.Sum();
    }

    [GeneratedRegex(@"\}\s+([0-9.eE+-]+)(\s+[0-9]+)?\s*$")]
    private static partial Regex SampleValue();

    public void Dispose() => _codeBase.Dispose();
}
