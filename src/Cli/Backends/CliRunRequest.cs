using System.Text.Json.Nodes;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>One run as the command line describes it, before any backend maps it to its own request.</summary>
/// <remarks>
/// <see cref="Root"/> and <see cref="WhitelistedPaths"/> are kept as typed: the embedded backend resolves them
/// against the current folder, a fleet backend sends them relative to the workers' code base.
/// </remarks>
internal sealed record CliRunRequest
{
    /// <summary>The idempotency key sent to the fleet; null for a new one per run.</summary>
    public Guid? CorrelationId { get; init; }

    public required string Root { get; init; }

    public required string File { get; init; }

    public required string FuncName { get; init; }

    /// <summary>A JSON array, or null for no arguments.</summary>
    public JsonArray? Args { get; init; }

    /// <summary>A JSON object of extra globals, or null.</summary>
    public JsonObject? Context { get; init; }

    public IReadOnlyList<string> External { get; init; } = [];

    public IReadOnlyList<string> WhitelistedPaths { get; init; } = [];

    public JsonNode? ResolverOptions { get; init; }

    public int? TimeoutMs { get; init; }

    public long? MemoryLimitBytes { get; init; }

    /// <summary>True with <c>--warm</c>; null leaves the choice to the sandbox's per-root setting.</summary>
    public bool? Warm { get; init; }
}
