namespace IsolatedRuntime.Worker.Options;

/// <summary>The result store (section <c>IsolatedRuntime:ResultStore</c>); Redis when <c>ConnectionStrings:Redis</c> is set.</summary>
public sealed class ResultStoreOptions
{
    /// <summary>Prefix of every Redis key the fleet writes (<c>{prefix}result:{id}</c>, <c>{prefix}claim:{id}</c>).</summary>
    public string KeyPrefix { get; set; } = "isolated-runtime:";

    /// <summary>How long an outcome is kept, and so how long a correlation id is answered without running again.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Added to the sandbox's longest run (timeout plus watchdog grace) to make the lease of an in-flight claim: a
    /// worker that dies mid-run holds a correlation id at most this long before another worker may run it.
    /// </summary>
    public TimeSpan ClaimMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After a Redis failure, how long the worker runs without the store before it tries Redis again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most outcomes the in-memory store (embedded mode, or no Redis configured) keeps.</summary>
    public int InMemoryCapacity { get; set; } = 100_000;
}
