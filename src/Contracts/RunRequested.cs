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

    /// <summary>Arguments as a JSON array; absent means <c>[]</c>. Not with <see cref="ArgsBatch"/>.</summary>
    public JsonElement? Args { get; init; }

    /// <summary>
    /// A batch: a JSON array of argument arrays. The code is loaded once and the function called once per item, in
    /// order; the answer is a <see cref="RunCompleted"/> whose <see cref="RunCompleted.Items"/> holds one outcome per
    /// item. Not with <see cref="Args"/>.
    /// </summary>
    public JsonElement? ArgsBatch { get; init; }

    /// <summary>For a batch: stop at the first item that faults; the items after it are answered
    /// <see cref="RunErrorKind.Skipped"/>. Absent means false: every item runs.</summary>
    public bool? StopOnFirstFailure { get; init; }

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

    /// <summary>CPU-time budget in milliseconds (the sandbox threads' CPU over all the run's turns; time spent waiting
    /// on timers is not counted), capped by the worker's maximum. Absent: only the wall-clock budget applies.</summary>
    public int? CpuBudgetMs { get; init; }

    /// <summary>When the request stops being worth running. A worker that takes it from the queue later answers
    /// <see cref="RunErrorKind.Expired"/> without running it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>How long the request may wait in the queue, counted from the time it was sent, before it is answered
    /// <see cref="RunErrorKind.Expired"/> without running. Absent: the worker's default (none unless configured).</summary>
    public int? MaxQueueAgeMs { get; init; }

    /// <summary>Who the run is for. Workers apply the operator's per-tenant limits (runs at once, rate) to it; a tenant
    /// over its limit is answered <see cref="RunErrorKind.Overloaded"/> at once. Absent: the default tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>
    /// Warm module reuse: true reuses an engine that already loaded this entry module and its packages (module-level
    /// state is shared with earlier warm runs of the same code and settings), false insists on a fresh engine, absent
    /// follows the worker's per-root setting. Absent by default: fresh-engine isolation.
    /// </summary>
    public bool? Warm { get; init; }
}
