namespace IsolatedRuntime.Client;

/// <summary>
/// One run to ask of the fleet, with plain .NET values: the client turns it into a
/// <see cref="Contracts.RunRequested"/> message, refusing values that would not survive the trip through JSON.
/// </summary>
public sealed record RunRequest
{
    /// <summary>The idempotency key. Leave null for a new id; set it to retry a run and get its one outcome.</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>Code folder, relative to the workers' code base. Either this or <see cref="Sources"/>.</summary>
    public string? Root { get; init; }

    /// <summary>Inline files (relative path to text) forming a virtual root, instead of <see cref="Root"/>.</summary>
    public IReadOnlyDictionary<string, string>? Sources { get; init; }

    /// <summary>The entry module, relative to the root.</summary>
    public required string File { get; init; }

    /// <summary>The exported function to call.</summary>
    public required string FuncName { get; init; }

    /// <summary>Arguments, each serialized to JSON (camelCase property names).</summary>
    public IReadOnlyList<object?> Args { get; init; } = [];

    /// <summary>
    /// A batch: one argument list per item. The code is loaded once and the function called once per item, in order;
    /// the reply's <see cref="Protocol.RunReply.Items"/> holds one outcome per item (see
    /// <see cref="IIsolatedRuntimeClient.RunBatchAsync"/>). Leave <see cref="Args"/> empty with it.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<object?>>? ArgsBatch { get; init; }

    /// <summary>For a batch: stop at the first item that faults; the rest are answered <c>Skipped</c>.</summary>
    public bool StopOnFirstFailure { get; init; }

    /// <summary>Extra globals for the run: an object or dictionary whose properties become globals.</summary>
    public object? Context { get; init; }

    /// <summary>Bare module names the code may <c>require</c>.</summary>
    public IReadOnlyList<string>? External { get; init; }

    /// <summary>Extra module folders, relative to the workers' code base.</summary>
    public IReadOnlyList<string>? WhitelistedPaths { get; init; }

    /// <summary>Handed to the workers' resolver factory, serialized to JSON.</summary>
    public object? ResolverOptions { get; init; }

    /// <summary>Execution budget of the run; capped by the workers' maximum. Not how long the client waits.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Memory budget of the run in bytes; capped by the workers' maximum.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>CPU-time budget of the run (waiting on timers costs none); capped by the workers' maximum. Exceeding it
    /// faults the run <c>CpuLimit</c>.</summary>
    public TimeSpan? CpuBudget { get; init; }

    /// <summary>When the run stops being worth running: a worker that takes it later answers <c>Expired</c>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>How long the request may wait in the queue before it is answered <c>Expired</c> without running.</summary>
    public TimeSpan? MaxQueueAge { get; init; }

    /// <summary>Who the run is for; the workers' per-tenant limits apply to it (over them: <c>Overloaded</c> at once).</summary>
    public string? Tenant { get; init; }

    /// <summary>
    /// Reuse a warm engine that already loaded this code (true), insist on a fresh one (false), or follow the
    /// workers' per-root setting (null). Warm runs share module-level state with earlier warm runs of the same code.
    /// </summary>
    public bool? Warm { get; init; }
}
