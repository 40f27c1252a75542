namespace IsolatedRuntime.Worker.Admission;

/// <summary>What one tenant may use of one worker. An unset value has no limit (or, for a listed tenant, the default's).</summary>
public sealed class TenantLimit
{
    /// <summary>Runs of the tenant that this worker holds at once, from admission to the answer being decided.</summary>
    public int? MaxConcurrentRuns { get; set; }

    /// <summary>Runs of the tenant that this worker admits per second, on average (a token bucket).</summary>
    public double? RunsPerSecond { get; set; }

    /// <summary>Runs admitted at once after a quiet spell (the bucket's size); by default one second's worth of
    /// <see cref="RunsPerSecond"/>, at least 1.</summary>
    public int? Burst { get; set; }
}
