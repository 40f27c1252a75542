using System.Text.Json;

namespace IsolatedRuntime.Contracts;

/// <summary>A run finished and returned a JSON result.</summary>
public sealed record RunCompleted
{
    /// <summary>The id of the request this answers.</summary>
    public Guid CorrelationId { get; init; }

    /// <summary>The function's return value (awaited if it was a promise), as JSON.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>What the run wrote through <c>console</c>, size-capped.</summary>
    public IReadOnlyList<ConsoleEntry> Logs { get; init; } = [];

    /// <summary>Time spent in user code, from the entry module's first statement to the result.</summary>
    public double DurationMs { get; init; }

    /// <summary>CPU time the sandbox threads spent on the run, over all its turns (for a batch, over all its items).</summary>
    public double CpuMs { get; init; }

    /// <summary>For a batch request: one outcome per item, in the order of <see cref="RunRequested.ArgsBatch"/>;
    /// <see cref="Result"/> is then null. Null for a single run.</summary>
    public IReadOnlyList<BatchItemOutcome>? Items { get; init; }

    /// <summary>The worker that ran (or answered from cache).</summary>
    public string WorkerId { get; init; } = "";

    /// <summary>True when the answer came from the result store rather than a new execution.</summary>
    public bool FromCache { get; init; }
}
