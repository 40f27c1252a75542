using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Results;
using IsolatedRuntime.Worker.Options;

namespace IsolatedRuntime.Worker.Results;

/// <summary>
/// The result store of one process (embedded mode, or a worker without Redis): the same contract as the Redis store,
/// with expiry on read and the oldest entries dropped past a capacity.
/// </summary>
internal sealed class InMemoryRunResultStore(ResultStoreOptions options, TimeProvider time) : IRunResultStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (StoredRunOutcome Outcome, long ExpiresAt)> _results = [];
    private readonly Queue<Guid> _order = new();
    private readonly Dictionary<Guid, (RunClaim Claim, long ExpiresAt)> _claims = [];

    public Task<ClaimResult> TryClaimAsync(Guid correlationId, RunClaim claim, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            if (Stored(correlationId, now) is { } stored)
            {
                return Task.FromResult(ClaimResult.Found(stored));
            }

            if (_claims.TryGetValue(correlationId, out var holder) && holder.ExpiresAt > now)
            {
                return Task.FromResult(ClaimResult.Busy(holder.Claim.Fingerprint));
            }

            _claims[correlationId] = (claim, now + Ticks(lease));
            return Task.FromResult(ClaimResult.Claimed);
        }
    }

    public Task SaveAsync(Guid correlationId, StoredRunOutcome outcome, RunClaim claim, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Store(correlationId, outcome);
            Release(correlationId, claim);
        }

        return Task.CompletedTask;
    }

    public Task<bool> StoreIfAbsentAsync(Guid correlationId, StoredRunOutcome outcome, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Stored(correlationId, time.GetTimestamp()) is not null)
            {
                return Task.FromResult(false);
            }

            Store(correlationId, outcome);
            return Task.FromResult(true);
        }
    }

    // Called under the lock.
    private void Store(Guid correlationId, StoredRunOutcome outcome)
    {
        if (!_results.ContainsKey(correlationId))
        {
            _order.Enqueue(correlationId);
        }

        _results[correlationId] = (outcome, time.GetTimestamp() + Ticks(options.TimeToLive));
        while (_results.Count > options.InMemoryCapacity && _order.TryDequeue(out var oldest))
        {
            _results.Remove(oldest);
        }
    }

    public Task ReleaseAsync(Guid correlationId, RunClaim claim, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Release(correlationId, claim);
        }

        return Task.CompletedTask;
    }

    public Task<RunReply?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Stored(correlationId, time.GetTimestamp())?.Reply);
        }
    }

    private StoredRunOutcome? Stored(Guid correlationId, long now)
    {
        if (!_results.TryGetValue(correlationId, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > now)
        {
            return entry.Outcome;
        }

        _results.Remove(correlationId);
        return null;
    }

    private void Release(Guid correlationId, RunClaim claim)
    {
        if (_claims.TryGetValue(correlationId, out var holder) && holder.Claim.Token == claim.Token)
        {
            _claims.Remove(correlationId);
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
