using System.Text.Json;

namespace IsolatedRuntime.Contracts;

/// <summary>Asks the fleet to run one exported function of a JavaScript module.</summary>
public sealed record RunRequested
{
    /// <summary>The idempotency key: a repeated id is answered from the result store without running again.</summary>
    public Guid CorrelationId { get; init; }

    /// <summary>Code folder, relative to the worker's code base. Either this or <see cref="Sources"/>.</summary>
    public string? Root { get; init; }

    /// <summary>Inline files (relative path to text) forming a virtual root, instead of <see cref="Root"/>.</summary>
    public IReadOnlyDictionary<string, string>? Sources { get; init; }

    /// <summary>The entry module, relative to the root.</summary>
    public string? File { get; init; }

    /// <summary>The exported function to call.</summary>
    public string? FuncName { get; init; }

    /// <summary>Arguments as a JSON array; absent means <c>[]</c>.</summary>
    public JsonElement? Args { get; init; }

    /// <summary>Extra globals for the run, as a JSON object.</summary>
    public JsonElement? Context { get; init; }

    /// <summary>Bare module names the code may <c>require</c>.</summary>
    public IReadOnlyList<string>? External { get; init; }

    /// <summary>Extra module folders, relative to the worker's code base.</summary>
    public IReadOnlyList<string>? WhitelistedPaths { get; init; }

    /// <summary>Handed to the worker's configured resolver factory.</summary>
    public JsonElement? ResolverOptions { get; init; }

    /// <summary>Execution budget in milliseconds, capped by the worker's maximum.</summary>
    public int? TimeoutMs { get; init; }

    /// <summary>Memory budget in bytes, capped by the worker's maximum.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>
    /// Warm module reuse: true reuses an engine that already loaded this entry module and its packages (module-level
    /// state is shared with earlier warm runs of the same code and settings), false insists on a fresh engine, absent
    /// follows the worker's per-root setting. Absent by default: fresh-engine isolation.
    /// </summary>
    public bool? Warm { get; init; }
}
