using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Results;
using IsolatedRuntime.Worker.Options;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace IsolatedRuntime.Worker.Results;

/// <summary>
/// Keeps the fleet running while Redis is away: a failed store call is answered as if there were no store (runs go
/// ahead without claims or caching: degraded), and Polly's circuit breaker then skips Redis for
/// <see cref="ResultStoreOptions.RetryAfter"/> before a call tries it again. The change of state is logged once each
/// way, not per message.
/// </summary>
internal sealed partial class DegradableRunResultStore : IRunResultStore
{
    // Polly's smallest bounds: a circuit is sampled over at least two calls and opens for at least half a second.
    private const int _minimumThroughput = 2;
    private static readonly TimeSpan _shortestBreak = TimeSpan.FromMilliseconds(500);

    private readonly IRunResultStore _inner;
    private readonly ResultStoreOptions _options;
    private readonly ILogger<DegradableRunResultStore> _logger;
    private readonly ResiliencePipeline _breaker;
    private int _degraded;

    public DegradableRunResultStore(IRunResultStore inner, ResultStoreOptions options, TimeProvider time, ILogger<DegradableRunResultStore> logger)
    {
        _inner = inner;
        _options = options;
        _logger = logger;
        var breakFor = options.RetryAfter > _shortestBreak ? options.RetryAfter : _shortestBreak;
        _breaker = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Half the calls of the last half second failing opens the circuit: an outage fails them all, and
                // the shortest window keeps earlier successes from holding it closed.
                FailureRatio = 0.5,
                MinimumThroughput = _minimumThroughput,
                SamplingDuration = _shortestBreak,
                BreakDuration = breakFor,
            })
            .Build();
    }

    /// <summary>True from a failed store call until the next call that reaches the store again.</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded) == 1;

    public Task<ClaimResult> TryClaimAsync(Guid correlationId, RunClaim claim, TimeSpan lease, CancellationToken cancellationToken) =>
        Guarded(token => _inner.TryClaimAsync(correlationId, claim, lease, token), ClaimResult.Claimed, cancellationToken);

    public Task SaveAsync(Guid correlationId, StoredRunOutcome outcome, RunClaim claim, CancellationToken cancellationToken) =>
        Guarded(async token => { await _inner.SaveAsync(correlationId, outcome, claim, token); return true; }, false, cancellationToken);

    public Task<bool> StoreIfAbsentAsync(Guid correlationId, StoredRunOutcome outcome, CancellationToken cancellationToken) =>
        Guarded(token => _inner.StoreIfAbsentAsync(correlationId, outcome, token), false, cancellationToken);

    public Task ReleaseAsync(Guid correlationId, RunClaim claim, CancellationToken cancellationToken) =>
        Guarded(async token => { await _inner.ReleaseAsync(correlationId, claim, token); return true; }, false, cancellationToken);

    public Task<RunReply?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        Guarded(token => _inner.GetAsync(correlationId, token), null, cancellationToken);

    private async Task<T> Guarded<T>(Func<CancellationToken, Task<T>> call, T whenDegraded, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _breaker.ExecuteAsync(async token => await call(token), cancellationToken);
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
            {
                LogRecovered(_logger);
            }

            return result;
        }
        catch (BrokenCircuitException)
        {
            return whenDegraded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _degraded, 1) == 0)
            {
                LogDegraded(_logger, ex.Message, _options.RetryAfter.TotalSeconds);
            }

            return whenDegraded;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Result store unavailable ({Reason}); running requests without caching or claims, retrying the store every {RetryAfterSeconds} s")]
    private static partial void LogDegraded(ILogger logger, string reason, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result store available again; caching and claims resumed")]
    private static partial void LogRecovered(ILogger logger);
}
