using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox;

/// <summary>One run: which function of which module, with what arguments (seed: <c>run(options)</c>).</summary>
public sealed class RunOptions
{
    /// <summary>Host folder holding the code; every module must resolve under it or a whitelisted path.</summary>
    public string? Root { get; init; }

    /// <summary>Inline files (relative path to text) forming a virtual root, instead of <see cref="Root"/>.</summary>
    public IReadOnlyDictionary<string, string>? Sources { get; init; }

    /// <summary>The entry module, relative to the root.</summary>
    public string? File { get; init; }

    /// <summary>The exported function to call. Looked up as a property, never pasted into source.</summary>
    public string? FuncName { get; init; }

    /// <summary>Arguments; must be a JSON array when given. Not with <see cref="ArgsBatch"/>.</summary>
    public JsonNode? Args { get; init; }

    /// <summary>
    /// A batch: a JSON array of argument arrays. The entry module is loaded once and the function called once per
    /// item, in order; the outcome's <see cref="RunOutcome.Items"/> holds one outcome per item. Not with
    /// <see cref="Args"/>. What items share is in docs/runtime.md ("Batches").
    /// </summary>
    public JsonNode? ArgsBatch { get; init; }

    /// <summary>For a batch: stop at the first item that faults; later items are answered <c>Skipped</c>.</summary>
    public bool StopOnFirstFailure { get; init; }

    /// <summary>Extra globals; must be a JSON object when given. Reachable as <c>a</c>, <c>global.a</c>, <c>globalThis.a</c>.</summary>
    public JsonNode? Context { get; init; }

    /// <summary>Bare module names the code may <c>require</c> (seed: <c>external</c>).</summary>
    public IReadOnlyList<string>? External { get; init; }

    /// <summary>Extra host folders modules may be loaded from (seed: <c>whitelistedPaths</c>).</summary>
    public IReadOnlyList<string>? WhitelistedPaths { get; init; }

    /// <summary>Handed to the resolver factory (seed: <c>resolverOptions</c>).</summary>
    public JsonNode? ResolverOptions { get; init; }

    /// <summary>This run's wall-clock budget; capped by <see cref="SandboxOptions.MaxTimeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>This run's memory budget; capped by <see cref="SandboxOptions.MaxMemoryLimitBytes"/>.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>This run's CPU-time budget over all its turns (waiting on timers costs none); capped by
    /// <see cref="SandboxOptions.MaxCpuBudget"/>. Null: only the wall-clock budget applies.</summary>
    public TimeSpan? CpuBudget { get; init; }

    /// <summary>
    /// Reuse an engine that already loaded this entry module and its packages (true), insist on a fresh engine
    /// (false), or follow <see cref="WarmOptions.Roots"/> (null, the default: cold unless the root is listed).
    /// A warm run shares module-level state with the other warm runs of the same root, entry, external list,
    /// whitelist, resolver options and limits; its writes to globals and built-ins are undone after it. A run that
    /// faults never hands its engine on. See docs/warm.md.
    /// </summary>
    public bool? Warm { get; init; }
}
