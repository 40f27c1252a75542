namespace IsolatedRuntime.Worker.Health;

/// <summary>A probe's answer. Healthy and Degraded answer HTTP 200; Starting and Unhealthy answer 503.</summary>
internal enum WorkerHealthStatus
{
    /// <summary>Everything works.</summary>
    Healthy,

    /// <summary>Serving, with something missing (Redis away: no caching; a sandbox thread retired).</summary>
    Degraded,

    /// <summary>Not ready yet: the host is starting or the bus has not connected for the first time.</summary>
    Starting,

    /// <summary>Not serving (the broker is away) or not alive (too many stuck sandbox threads).</summary>
    Unhealthy,
}
