using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IsolatedRuntime.Worker.Health;

/// <summary>
/// Answers the two probes from the registered health checks: liveness (<see cref="HealthTags.Live"/>) and readiness
/// (<see cref="HealthTags.Ready"/>: MassTransit's bus check and the result store). While the bus has neither been ready
/// nor failed, readiness is <c>Starting</c> rather than Unhealthy, so a worker still connecting is not mistaken for
/// a broken one. A bus that is not Healthy makes readiness Unhealthy: MassTransit says Degraded while it reconnects to
/// a broker that went away, but the worker then takes no message, so a load balancer or orchestrator should stop
/// counting on it until the bus is back (liveness stays as it is: the worker reconnects on its own).
/// </summary>
internal sealed class WorkerHealth(HealthCheckService checks, BusReadiness bus)
{
    /// <summary>The tag MassTransit puts on its bus check.</summary>
    private const string _busTag = "masstransit";

    public async Task<WorkerHealthReport> CheckAsync(HealthProbe probe, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(Filter(probe), cancellationToken);
        var busDown = report.Entries.Values.Any(entry => entry.Tags.Contains(_busTag) && entry.Status != HealthStatus.Healthy);
        var status = busDown ? HealthStatus.Unhealthy : report.Status;
        var starting = probe != HealthProbe.Live && status == HealthStatus.Unhealthy && !bus.WasReady && !bus.HasFaulted;
        return new WorkerHealthReport(probe, starting ? WorkerHealthStatus.Starting : Map(status), report);
    }

    private static Func<HealthCheckRegistration, bool> Filter(HealthProbe probe) => probe switch
    {
        HealthProbe.Live => registration => registration.Tags.Contains(HealthTags.Live),
        HealthProbe.Ready => registration => registration.Tags.Contains(HealthTags.Ready),
        _ => _ => true,
    };

    private static WorkerHealthStatus Map(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => WorkerHealthStatus.Healthy,
        HealthStatus.Degraded => WorkerHealthStatus.Degraded,
        _ => WorkerHealthStatus.Unhealthy,
    };
}
