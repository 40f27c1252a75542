using System.Diagnostics;
using System.Globalization;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A three-node RabbitMQ cluster and a Redis Cluster (three masters, three replicas) that only the cluster drills use,
/// started with <c>scripts/cluster.sh</c> in a state folder of their own, so that the drills may kill their nodes.
/// </summary>
public sealed class ClusterServices : IAsyncLifetime, IDrillServices
{
    private readonly Dictionary<string, string> _environment = new()
    {
        ["CLUSTER_DIR"] = Path.Combine(Path.GetTempPath(), $"isolated-runtime-cluster-{Guid.NewGuid():N}"),
    };

    private string? _rabbitMq;
    private string? _redis;

    /// <summary><c>amqp://user:pass@127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3/</c></summary>
    public string RabbitMq => _rabbitMq ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>The six Redis nodes, <c>127.0.0.1:R1,…</c></summary>
    public string Redis => _redis ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>How long <c>scripts/cluster.sh up</c> took.</summary>
    public TimeSpan StartedIn { get; private set; }

    public async Task InitializeAsync()
    {
        if (!LocalServices.Installed())
        {
            throw new InvalidOperationException(
                "The cluster drills start their own RabbitMQ cluster and Redis Cluster, and these are not installed. Install " +
                "them with 'apt-get install -y --no-install-recommends rabbitmq-server redis-server' (the drills start " +
                "private nodes; the system services stay off).");
        }

        var clock = Stopwatch.StartNew();
        var output = await RunAsync("up");
        StartedIn = clock.Elapsed;
        _rabbitMq = RepositoryScript.Setting(output, "ConnectionStrings__RabbitMq");
        _redis = RepositoryScript.Setting(output, "ConnectionStrings__Redis");
    }

    /// <summary>The RabbitMQ node (1-3) that leads quorum queue <paramref name="queue"/>.</summary>
    public async Task<int> LeaderOfAsync(string queue) => int.Parse((await RunAsync("leader", queue)).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The type RabbitMQ reports for <paramref name="queue"/> (<c>quorum</c>, <c>classic</c>), or null when it does not exist.</summary>
    public async Task<string?> QueueTypeAsync(string queue) =>
        (await RunAsync("queues")).Split('\n').Select(line => line.Split(' ')).FirstOrDefault(fields => fields[0] == queue)?[1];

    /// <summary>The Redis nodes (1-6) that are masters now.</summary>
    public async Task<int[]> MastersAsync() =>
        [.. (await RunAsync("masters")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => int.Parse(line, CultureInfo.InvariantCulture))];

    /// <summary>SIGKILL to a node: <paramref name="service"/> is <c>rabbitmq</c> or <c>redis</c>.</summary>
    public Task KillAsync(string service, int node) => RunAsync("kill", service, $"{node}");

    /// <summary>Starts a node again on its ports and state; returns once it answers (it rejoins its cluster by itself).</summary>
    public Task StartAsync(string service, int node) => RunAsync("start", service, $"{node}");

    // Also after a failed start: down stops whatever came up.
    public async Task DisposeAsync() => await RunAsync("down");

    private Task<string> RunAsync(params string[] arguments) => RepositoryScript.RunAsync("cluster.sh", _environment, arguments);
}

// Alone, like the other drills, and in a collection of its own so that running the single-server drills does not start
// the clusters.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterDrillCollection : ICollectionFixture<ClusterServices>
{
    public const string Name = "ClusterDrills";
}
