using IsolatedRuntime.Protocol.Results;

namespace IsolatedRuntime.Worker.Results;

/// <summary>
/// Outcomes by correlation id, and in-flight claims on ids: Redis for a fleet, memory when embedded. A claim is a
/// lease that lets one worker run an id while copies of the request elsewhere wait for its stored outcome.
/// </summary>
internal interface IRunResultStore : IRunResultReader
{
    /// <summary>Returns the stored outcome if there is one; otherwise takes the claim if free; otherwise says who holds it.</summary>
    Task<ClaimResult> TryClaimAsync(Guid correlationId, RunClaim claim, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Stores the outcome for the configured time to live and releases the claim.</summary>
    Task SaveAsync(Guid correlationId, StoredRunOutcome outcome, RunClaim claim, CancellationToken cancellationToken);

    /// <summary>Stores the outcome for the configured time to live unless the id already has one; true when stored.
    /// Claims are left as they are: a run in flight that completes later replaces it with its own outcome.</summary>
    Task<bool> StoreIfAbsentAsync(Guid correlationId, StoredRunOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Releases the claim without storing anything, if it is still this claim.</summary>
    Task ReleaseAsync(Guid correlationId, RunClaim claim, CancellationToken cancellationToken);
}
