namespace IsolatedRuntime.Worker.Health;

/// <summary>Section <c>IsolatedRuntime:Health</c> (environment <c>IsolatedRuntime__Health__Port</c>…): the health endpoint.</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "IsolatedRuntime:Health";

    /// <summary>
    /// Port of the HTTP health endpoint (<c>/health/live</c>, <c>/health/ready</c>, <c>/health</c>) on all interfaces.
    /// Unset: no endpoint (the checks still run for <c>--probe</c>-less hosts such as embedded mode).
    /// </summary>
    public int? Port { get; set; }

    /// <summary>Retired sandbox threads (stuck past their deadline, abandoned by the watchdog) at which liveness turns
    /// Unhealthy so that an orchestrator recycles the process. Fewer than this, but at least one, is Degraded.</summary>
    public int MaxRetiredThreads { get; set; } = 3;

    /// <summary>How long one check (a Redis ping) may take before it counts as failed.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
