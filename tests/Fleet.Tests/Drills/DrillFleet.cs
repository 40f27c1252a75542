using IsolatedRuntime.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// One drill's fleet: worker processes on a fresh queue and key prefix, a producer's client pointed at them, and a
/// look into the result store, so that drills never see each other's messages or outcomes.
/// </summary>
public sealed class DrillFleet : IAsyncDisposable
{
    private readonly IDrillServices _services;
    private readonly Dictionary<string, string> _settings;
    private readonly List<WorkerProcess> _workers = [];
    private ClientHost? _client;
    private RunRequestedSender? _sender;
    private int _nextWorker;

    private DrillFleet(IDrillServices services, string codeBase, IDictionary<string, string>? settings)
    {
        _services = services;
        _settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__RabbitMq"] = services.RabbitMq,
            ["ConnectionStrings__Redis"] = services.Redis,
            ["IsolatedRuntime__CodeBase"] = codeBase,
            ["IsolatedRuntime__QueueName"] = Name,
            ["IsolatedRuntime__ResultStore__KeyPrefix"] = KeyPrefix,
            ["IsolatedRuntime__Sandbox__Pool__MaxThreads"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The queue name, also the key prefix stem and the worker id stem.</summary>
    public string Name { get; } = $"drill-{Guid.NewGuid():N}";

    public string KeyPrefix => $"{Name}:";

    public IIsolatedRuntimeClient Client => _client!.Client;

    /// <summary>Sends <see cref="Contracts.RunRequested"/> as written, through the client's bus.</summary>
    public RunRequestedSender Sender => _sender ??= new(_client!.Host.Services, Name);

    public IReadOnlyList<WorkerProcess> Workers => _workers;

    /// <summary>Starts <paramref name="workers"/> worker processes and a client; <paramref name="settings"/> in environment form.</summary>
    public static async Task<DrillFleet> StartAsync(IDrillServices services, string codeBase, int workers,
        IDictionary<string, string>? settings = null, TimeSpan? clientTimeout = null)
    {
        var fleet = new DrillFleet(services, codeBase, settings);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => fleet.AddWorkerAsync()));
            fleet._client = await ClientHost.StartAsync(services.RabbitMq, services.Redis, fleet.KeyPrefix, fleet.Name,
                client => client.Configure<IsolatedRuntimeClientOptions>(options => options.Timeout = clientTimeout ?? TimeSpan.FromSeconds(60)));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more worker process on this fleet's queue.</summary>
    public async Task<WorkerProcess> AddWorkerAsync()
    {
        var settings = new Dictionary<string, string>(_settings) { ["IsolatedRuntime__Health__Port"] = $"{FreePort()}" };
        var worker = await WorkerProcess.StartAsync($"w{Interlocked.Increment(ref _nextWorker)}", settings);
        lock (_workers)
        {
            _workers.Add(worker);
        }

        return worker;
    }

    /// <summary>The result keys stored under this fleet's prefix (<c>{prefix}result:*</c>), on every master of a cluster.</summary>
    public async Task<int> StoredOutcomesAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_services.Redis);
        var count = 0;
        foreach (var server in redis.GetServers().Where(server => server.IsConnected && !server.IsReplica))
        {
            await foreach (var _ in server.KeysAsync(pattern: $"{KeyPrefix}result:*", pageSize: 1000))
            {
                count++;
            }
        }

        return count;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await Task.WhenAll(_workers.Select(worker => worker.DisposeAsync().AsTask()));
    }
}
