using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Cli.Bench;

/// <summary>What one phase of a bench measured. Latencies are of answered runs (completed or faulted), from send to answer.</summary>
internal sealed record BenchSummary
{
    public required int Count { get; init; }

    public required int Completed { get; init; }

    public required int Faulted { get; init; }

    /// <summary>Runs that got no answer: the backend failed them, or the bench was interrupted before they ended.</summary>
    public int Lost => Count - Completed - Faulted;

    /// <summary>From the first run sent to the last one answered.</summary>
    public required double Seconds { get; init; }

    /// <summary>Answered runs per second of wall-clock time.</summary>
    public double RunsPerSecond => Seconds > 0 ? (Completed + Faulted) / Seconds : 0;

    /// <summary>Batch items answered (with <c>--args-batch</c>; 0 otherwise), and how many of them faulted.</summary>
    public int Items { get; init; }

    public int ItemsFaulted { get; init; }

    /// <summary>Answered batch items per second of wall-clock time.</summary>
    public double ItemsPerSecond => Seconds > 0 ? Items / Seconds : 0;

    public required double P50Ms { get; init; }

    public required double P95Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MaxMs { get; init; }

    /// <summary>
    /// The median of the answers' own <c>durationMs</c> (for a batch, its first item's start to its last item's end): the
    /// time inside the sandbox, against <see cref="P50Ms"/>, the time from send to answer. The difference is what the
    /// transport, the queue and the result store added.
    /// </summary>
    public double DurationP50Ms { get; init; }

    /// <summary>The first fault seen, so a bench of a broken function says why.</summary>
    public RunFaulted? FirstFault { get; init; }

    /// <summary>Why the first lost run was lost.</summary>
    public string? FirstLoss { get; init; }
}
