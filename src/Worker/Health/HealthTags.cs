namespace IsolatedRuntime.Worker.Health;

/// <summary>The tags that sort health checks into the liveness and readiness probes.</summary>
internal static class HealthTags
{
    /// <summary>Checks that decide whether the process must be restarted.</summary>
    public const string Live = "live";

    /// <summary>Checks that decide whether the worker takes messages (MassTransit tags its bus check so too).</summary>
    public const string Ready = "ready";
}
