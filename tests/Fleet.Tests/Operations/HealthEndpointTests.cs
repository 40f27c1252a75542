using System.Net;
using System.Net.Sockets;
using IsolatedRuntime.Worker.Health;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The worker's health endpoint in each state an operator sees: ready, Redis lost (Degraded, still serving), broker
/// lost (Unhealthy), still starting; liveness from the sandbox threads; and the probe command the image uses.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class HealthEndpointTests(FleetServices services) : IDisposable
{
    private static readonly TimeSpan _settle = TimeSpan.FromSeconds(60);
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Fact]
    public async Task A_connected_worker_is_ready_and_alive()
    {
        await using var worker = await StartAsync(services.RabbitMq, services.Redis);

        var (status, body) = await worker.HealthWhenAsync("/health/ready", "Healthy", _settle);
        var (liveStatus, live) = await worker.HealthAsync("/health/live");

        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["result-store"]!["status"]);
        Assert.Contains(body["checks"]!.AsObject(), check => check.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(200, liveStatus);
        Assert.Equal("Healthy", (string?)live["status"]);
        Assert.Equal(0, (int?)live["checks"]!["sandbox"]!["data"]!["retiredThreads"]);
    }

    [Fact]
    public async Task A_worker_without_Redis_is_Degraded_and_still_ready()
    {
        await using var worker = await StartAsync(services.RabbitMq, $"127.0.0.1:{FreePort.Next()},connectTimeout=500");

        var (status, body) = await worker.HealthWhenAsync("/health/ready", "Degraded", _settle);

        Assert.True((string?)body["status"] == "Degraded", body.ToJsonString());
        Assert.Equal(200, status);
        Assert.Equal("Degraded", (string?)body["checks"]!["result-store"]!["status"]);
        Assert.Contains("Redis is unreachable", (string?)body["checks"]!["result-store"]!["description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_that_cannot_reach_the_broker_is_Unhealthy()
    {
        await using var worker = await StartAsync($"amqp://guest:guest@127.0.0.1:{FreePort.Next()}/", services.Redis);

        var (status, body) = await worker.HealthWhenAsync("/health/ready", "Unhealthy", _settle);

        Assert.True((string?)body["status"] == "Unhealthy", body.ToJsonString());
        Assert.Equal(503, status);
        Assert.Equal("Healthy", (string?)body["checks"]!["result-store"]!["status"]);
    }

    [Fact]
    public async Task A_worker_whose_broker_has_not_answered_yet_is_Starting()
    {
        // A port that accepts connections and never speaks AMQP: the bus stays in its first connection attempt.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var worker = await StartAsync($"amqp://guest:guest@127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/", services.Redis);

        var (status, body) = await worker.HealthAsync("/health/ready");
        var (liveStatus, _) = await worker.HealthAsync("/health/live");

        Assert.True((string?)body["status"] == "Starting", body.ToJsonString());
        Assert.Equal(503, status);
        Assert.Equal(200, liveStatus);
    }

    [Fact]
    public async Task The_probe_command_exits_0_for_a_ready_worker_and_1_where_no_worker_answers()
    {
        await using var worker = await StartAsync(services.RabbitMq, services.Redis);
        await worker.HealthWhenAsync("/health/ready", "Healthy", _settle);
        using var output = new StringWriter();

        var ready = await WorkerProbe.RunAsync(["--probe", "ready", "--port", worker.HealthPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], output);
        var nobody = await WorkerProbe.RunAsync(["--probe", "live", "--port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)], output);
        var usage = await WorkerProbe.RunAsync(["--probe", "sideways"], output);

        Assert.Equal(0, ready);
        Assert.Equal(1, nobody);
        Assert.Equal(2, usage);
        Assert.Contains("does not answer", output.ToString(), StringComparison.Ordinal);
    }

    private Task<OperatedWorker> StartAsync(string rabbitMq, string redis) =>
        OperatedWorker.StartAsync(rabbitMq, redis, _codeBase.Root, $"ops-{Guid.NewGuid():N}");

    public void Dispose() => _codeBase.Dispose();
}
