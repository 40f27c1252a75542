namespace IsolatedRuntime.Contracts;

/// <summary>A run did not complete; <see cref="Kind"/> says why.</summary>
public sealed record RunFaulted
{
    /// <summary>The id of the request this answers.</summary>
    public Guid CorrelationId { get; init; }

    /// <summary>The class of failure; decides whether a retry can help.</summary>
    public RunErrorKind Kind { get; init; }

    /// <summary>The script's error name (<c>TypeError</c>, <c>Error</c>…) or the limit's name.</summary>
    public string ErrorName { get; init; } = "";

    /// <summary>What happened, naming the file, function or limit; never a host path.</summary>
    public string Message { get; init; } = "";

    /// <summary>Sandbox frames only, with root-relative file names: no host paths, no engine frames.</summary>
    public string? Stack { get; init; }

    /// <summary>What the run wrote through <c>console</c>, size-capped.</summary>
    public IReadOnlyList<ConsoleEntry> Logs { get; init; } = [];

    /// <summary>Time spent in user code, from the entry module's first statement to the outcome.</summary>
    public double DurationMs { get; init; }

    /// <summary>CPU time the sandbox threads spent on the run, over all its turns (for a batch, over all its items).</summary>
    public double CpuMs { get; init; }

    /// <summary>The worker that ran (or answered from cache).</summary>
    public string WorkerId { get; init; } = "";

    /// <summary>True when the answer came from the result store rather than a new execution.</summary>
    public bool FromCache { get; init; }
}
