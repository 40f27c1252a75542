using System.Text.Json;

namespace IsolatedRuntime.Contracts;

/// <summary>The outcome of one item of a batch: its result, or its error; console output and times either way.</summary>
public sealed record BatchItemOutcome
{
    /// <summary>The function's return value for this item, as JSON; absent when the item faulted.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>Why the item did not complete; null when it completed.</summary>
    public BatchItemError? Error { get; init; }

    /// <summary>What this item wrote through <c>console</c>, size-capped.</summary>
    public IReadOnlyList<ConsoleEntry> Logs { get; init; } = [];

    /// <summary>Wall-clock time of this item's call, from its first statement to its outcome.</summary>
    public double DurationMs { get; init; }

    /// <summary>CPU time the sandbox threads spent on this item.</summary>
    public double CpuMs { get; init; }
}
