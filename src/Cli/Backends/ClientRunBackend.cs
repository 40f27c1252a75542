using System.Text.Json;
using IsolatedRuntime.Client;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>
/// Runs through an <see cref="IIsolatedRuntimeClient"/>: on the embedded in-memory bus (the worker's own consumer and
/// store in this process) or on a real fleet. The host is started on the first run, so building the backend is cheap.
/// </summary>
internal sealed class ClientRunBackend : IRunBackend
{
    private readonly IHost _host;
    private readonly Func<string, string> _path;
    private readonly Lazy<Task<IIsolatedRuntimeClient>> _client;
    private readonly bool _isFleet;

    /// <param name="configure">Registers the client and whatever it talks to.</param>
    /// <param name="path">Maps a folder as typed (root, whitelisted path) to the form the workers expect.</param>
    /// <param name="isFleet">True for a real fleet: results then always name their correlation id, cache use and
    /// worker; embedded runs name them only when the command line gave a correlation id.</param>
    public ClientRunBackend(Action<IServiceCollection> configure, Func<string, string> path, bool isFleet)
    {
        _isFleet = isFleet;
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

    public Task StartAsync(CancellationToken cancellationToken) => _client.Value.WaitAsync(cancellationToken);

    public async Task<CliRunResult> RunAsync(CliRunRequest request, CancellationToken cancellationToken)
    {
        var client = await _client.Value;
        RunReply reply;
        try
        {
            reply = await client.RunAsync(ToRequest(request), timeout: null, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new RunLostException(ex.Message, ex);
        }

        var fault = reply.Faulted;
        var identified = _isFleet || request.CorrelationId is not null;
        return new CliRunResult
        {
            Result = reply.Completed?.Result is { ValueKind: not JsonValueKind.Null } result ? System.Text.Json.Nodes.JsonNode.Parse(result.GetRawText()) : null,
            Error = fault is null ? null : new CliRunError(fault.Kind, fault.ErrorName, fault.Message, fault.Stack),
            Logs = reply.Logs,
            DurationMs = reply.DurationMs,
            CorrelationId = identified ? reply.CorrelationId : null,
            FromCache = identified ? reply.FromCache : null,
            WorkerId = identified ? reply.WorkerId : null,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsValueCreated)
        {
            await _host.StopAsync();
        }

        _host.Dispose();
    }

    private RunRequest ToRequest(CliRunRequest request) => new()
    {
        CorrelationId = request.CorrelationId,
        Root = _path(request.Root),
        File = request.File,
        FuncName = request.FuncName,
        Args = request.Args is null ? [] : [.. request.Args],
        Context = request.Context,
        External = request.External,
        WhitelistedPaths = [.. request.WhitelistedPaths.Select(_path)],
        ResolverOptions = request.ResolverOptions,
        Timeout = request.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        MemoryLimitBytes = request.MemoryLimitBytes,
        Warm = request.Warm,
    };
}
