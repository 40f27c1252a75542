using IsolatedRuntime.Protocol.Results;

namespace IsolatedRuntime.Worker.Results;

/// <summary>What <see cref="IRunResultStore.TryClaimAsync"/> found.</summary>
internal sealed record ClaimResult(ClaimStatus Status, StoredRunOutcome? Stored, string? HolderFingerprint)
{
    public static ClaimResult Claimed { get; } = new(ClaimStatus.Claimed, null, null);

    public static ClaimResult Found(StoredRunOutcome stored) => new(ClaimStatus.Stored, stored, null);

    public static ClaimResult Busy(string? holderFingerprint) => new(ClaimStatus.Busy, null, holderFingerprint);
}

/// <summary>The state of a correlation id when a worker asked for it.</summary>
internal enum ClaimStatus
{
    /// <summary>Nothing stored and nobody running it: this worker now holds the claim and runs it.</summary>
    Claimed,

    /// <summary>An outcome is stored: answer it.</summary>
    Stored,

    /// <summary>Another attempt holds the claim: wait for its outcome, or for its lease to run out.</summary>
    Busy,
}
