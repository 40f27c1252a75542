using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Protocol;

/// <summary>
/// The fleet's answer to one run: exactly one of <see cref="Completed"/> and <see cref="Faulted"/>. Workers store and
/// send it; clients return it.
/// </summary>
public sealed record RunReply
{
    /// <summary>The answer when the run completed; null when it faulted.</summary>
    public RunCompleted? Completed { get; init; }

    /// <summary>The answer when the run faulted; null when it completed.</summary>
    public RunFaulted? Faulted { get; init; }

    /// <summary>True when the function returned a result.</summary>
    public bool IsCompleted => Completed is not null;

    /// <summary>The id of the request this answers.</summary>
    public Guid CorrelationId => Completed?.CorrelationId ?? Faulted?.CorrelationId ?? Guid.Empty;

    /// <summary>The worker that ran the request or answered it from the result store.</summary>
    public string WorkerId => Completed?.WorkerId ?? Faulted?.WorkerId ?? "";

    /// <summary>
    /// True when a worker answered this request from the result store instead of running it (a repeated or redelivered
    /// id). An outcome read back from the result store is the stored one as its run produced it: false, with the
    /// <see cref="WorkerId"/> of the worker that ran it.
    /// </summary>
    public bool FromCache => Completed?.FromCache ?? Faulted?.FromCache ?? false;

    /// <summary>Time spent in user code, in milliseconds.</summary>
    public double DurationMs => Completed?.DurationMs ?? Faulted?.DurationMs ?? 0;

    /// <summary>CPU time the sandbox spent on the run, in milliseconds (for a batch, over all its items).</summary>
    public double CpuMs => Completed?.CpuMs ?? Faulted?.CpuMs ?? 0;

    /// <summary>For a batch: one outcome per item, in order; null for a single run or a batch that faulted as a whole.</summary>
    public IReadOnlyList<BatchItemOutcome>? Items => Completed?.Items;

    /// <summary>What the run wrote through <c>console</c>.</summary>
    public IReadOnlyList<ConsoleEntry> Logs => Completed?.Logs ?? Faulted?.Logs ?? [];

    /// <summary>Wraps a completed run.</summary>
    public static RunReply Of(RunCompleted completed) => new() { Completed = completed };

    /// <summary>Wraps a faulted run.</summary>
    public static RunReply Of(RunFaulted faulted) => new() { Faulted = faulted };

    /// <summary>The same answer, marked as served from the result store (by <paramref name="workerId"/> when given).</summary>
    public RunReply AsCached(string? workerId = null) => new()
    {
        Completed = Completed is null ? null : Completed with { FromCache = true, WorkerId = workerId ?? Completed.WorkerId },
        Faulted = Faulted is null ? null : Faulted with { FromCache = true, WorkerId = workerId ?? Faulted.WorkerId },
    };
}
