using IsolatedRuntime.Client;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A fleet of its own for one test: worker hosts on a fresh queue and key prefix, and a producer's client pointed at
/// them, so that tests never see each other's messages or stored outcomes.
/// </summary>
public sealed class FleetHarness : IAsyncDisposable
{
    private readonly List<WorkerHost> _workers = [];
    private ClientHost? _client;

    private FleetHarness(string name) => Name = name;

    /// <summary>The queue name, also the key prefix stem and the worker id stem.</summary>
    public string Name { get; }

    public string KeyPrefix => $"{Name}:";

    public IIsolatedRuntimeClient Client => _client!.Client;

    /// <summary>Sends <see cref="Contracts.RunRequested"/> as written, through the client's bus.</summary>
    public RunRequestedSender Sender => new(_client!.Host.Services, Name);

    public IReadOnlyList<WorkerHost> Workers => _workers;

    public static string WorkerId(string name, int index) => $"{name}-w{index}";

    public static async Task<FleetHarness> StartAsync(FleetServices services, string codeBase, int workers = 1,
        IDictionary<string, string?>? settings = null)
    {
        var harness = new FleetHarness($"test-{Guid.NewGuid():N}");
        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async i =>
            {
                var worker = await WorkerHost.StartAsync(services, codeBase, harness.Name, harness.KeyPrefix, WorkerId(harness.Name, i), settings);
                lock (harness._workers)
                {
                    harness._workers.Add(worker);
                }
            }));
            harness._client = await ClientHost.StartAsync(services, harness.KeyPrefix, harness.Name);
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }
    }
}
