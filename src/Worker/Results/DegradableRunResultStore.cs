using IsolatedRuntime.Client;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Worker;

/// <summary>
/// Keeps the fleet running while Redis is away: a failed store call opens a circuit for
/// <see cref="ResultStoreOptions.RetryAfter"/>, during which runs go ahead without claims or caching (degraded),
/// and the next call after it tries Redis again. The change of state is logged once each way, not per message.
/// </summary>
internal sealed partial class DegradableRunResultStore(
    IRunResultStore inner, ResultStoreOptions options, TimeProvider time, ILogger<DegradableRunResultStore> logger) : IRunResultStore
{
    private long _openUntil;
    private int _degraded;

    /// <summary>True while the store is skipped because it failed.</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded) == 1;

    public Task<ClaimResult> TryClaimAsync(Guid correlationId, RunClaim claim, TimeSpan lease, CancellationToken cancellationToken) =>
        Guarded(() => inner.TryClaimAsync(correlationId, claim, lease, cancellationToken), ClaimResult.Claimed, cancellationToken);

    public Task SaveAsync(Guid correlationId, StoredRunOutcome outcome, RunClaim claim, CancellationToken cancellationToken) =>
        Guarded(async () => { await inner.SaveAsync(correlationId, outcome, claim, cancellationToken); return true; }, false, cancellationToken);

    public Task ReleaseAsync(Guid correlationId, RunClaim claim, CancellationToken cancellationToken) =>
        Guarded(async () => { await inner.ReleaseAsync(correlationId, claim, cancellationToken); return true; }, false, cancellationToken);

    public Task<RunReply?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        Guarded(() => inner.GetAsync(correlationId, cancellationToken), null, cancellationToken);

    private async Task<T> Guarded<T>(Func<Task<T>> call, T whenDegraded, CancellationToken cancellationToken)
    {
        if (IsDegraded && time.GetTimestamp() < Volatile.Read(ref _openUntil))
        {
            return whenDegraded;
        }

        try
        {
            var result = await call();
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
            {
                LogRecovered(logger);
            }

            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref _openUntil, time.GetTimestamp() + (long)(options.RetryAfter.TotalSeconds * time.TimestampFrequency));
            if (Interlocked.Exchange(ref _degraded, 1) == 0)
            {
                LogDegraded(logger, ex.Message, options.RetryAfter.TotalSeconds);
            }

            return whenDegraded;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Result store unavailable ({Reason}); running requests without caching or claims, retrying the store every {RetryAfterSeconds} s")]
    private static partial void LogDegraded(ILogger logger, string reason, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result store available again; caching and claims resumed")]
    private static partial void LogRecovered(ILogger logger);
}
