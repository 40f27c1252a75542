using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>
/// Where the CLI sends a run: an <see cref="IIsolatedRuntimeClient"/> on the embedded in-memory bus (the worker's own
/// consumer and store in this process, <see cref="EmbeddedRunBackend"/>) or on a real fleet behind a broker. The host
/// is started on the first run, so building the backend is cheap.
/// </summary>
internal sealed class RunBackend : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Func<string, string> _path;
    private readonly Lazy<Task<IIsolatedRuntimeClient>> _client;

    /// <param name="configure">Registers the client and whatever it talks to.</param>
    /// <param name="path">Maps a folder as typed (root, whitelisted path) to the form the workers expect.</param>
    /// <param name="isFleet">True for a real fleet.</param>
    private RunBackend(Action<IServiceCollection> configure, Func<string, string> path, bool isFleet)
    {
        IsFleet = isFleet;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        configure(builder.Services);
        _host = builder.Build();
        _path = path;
        _client = new(async () =>
        {
            await _host.StartAsync();
            return _host.Services.GetRequiredService<IIsolatedRuntimeClient>();
        });
    }

    /// <summary>
    /// True for a real fleet: its answers always name their correlation id, cache use and worker. Embedded answers name
    /// them only when the command line gave a correlation id.
    /// </summary>
    public bool IsFleet { get; }

    /// <summary>The backend the command line asks for: a fleet when it names a broker, embedded otherwise.</summary>
    public static RunBackend Create(RunBackendSettings settings) => settings.Broker is null
        ? new RunBackend(services => EmbeddedRunBackend.Configure(services, settings), EmbeddedRunBackend.PathOf, isFleet: false)
        : new RunBackend(
            services => services.AddIsolatedRuntimeClient(options =>
            {
                options.RabbitMq = settings.Broker;
                options.Redis = settings.Redis;
                if (settings.Queue is { } queue)
                {
                    options.QueueName = queue;
                }
            }),
            // A fleet's folders are relative to the workers' code base: sent as typed.
            path => path,
            isFleet: true);

    /// <summary>
    /// Starts the backend (its host and broker connection) ahead of the first run, so that a caller can time its
    /// start-up apart from its runs. Optional: the first run starts it otherwise.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken) => _client.Value.WaitAsync(cancellationToken);

    /// <summary>Runs the request and returns its answer; a fault of the run is an answer, not an exception.</summary>
    /// <exception cref="RunLostException">No answer came in time.</exception>
    public async Task<RunReply> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var client = await _client.Value;
        var sent = request with
        {
            Root = request.Root is null ? null : _path(request.Root),
            WhitelistedPaths = request.WhitelistedPaths is null ? null : [.. request.WhitelistedPaths.Select(_path)],
        };
        try
        {
            return await client.RunAsync(sent, timeout: null, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new RunLostException(ex.Message, ex);
        }
    }

    /// <summary>Cancels a run of the fleet by its correlation id (see <see cref="IIsolatedRuntimeClient.CancelAsync"/>).</summary>
    public async Task CancelAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        var client = await _client.Value;
        await client.CancelAsync(correlationId, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsValueCreated)
        {
            await _host.StopAsync();
        }

        _host.Dispose();
    }
}
