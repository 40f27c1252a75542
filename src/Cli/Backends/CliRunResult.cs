using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>
/// A run's outcome, whichever backend ran it. The optional fields are those only some backends know; the output
/// writers print each one only when it is set.
/// </summary>
internal sealed record CliRunResult
{
    /// <summary>The function's result when the run completed; null for <c>undefined</c>, <c>null</c> and faults.</summary>
    public JsonNode? Result { get; init; }

    /// <summary>Why the run faulted; null when it completed.</summary>
    public CliRunError? Error { get; init; }

    public IReadOnlyList<ConsoleEntry> Logs { get; init; } = [];

    public double DurationMs { get; init; }

    /// <summary>The request's id, when the backend has one (a fleet does; the embedded sandbox does not).</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>Whether a fleet answered from its result store, when the backend knows.</summary>
    public bool? FromCache { get; init; }

    /// <summary>The worker that answered, when the backend knows.</summary>
    public string? WorkerId { get; init; }

    public bool IsCompleted => Error is null;
}
