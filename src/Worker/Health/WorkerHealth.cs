using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IsolatedRuntime.Worker;

/// <summary>
/// Answers the two probes from the registered health checks: liveness (<see cref="HealthTags.Live"/>) and readiness
/// (<see cref="HealthTags.Ready"/>: MassTransit's bus check and the result store). While the bus has neither been ready
/// nor failed, readiness is <c>Starting</c> rather than Unhealthy, so a worker still connecting is not mistaken for
/// a broken one.
/// </summary>
internal sealed class WorkerHealth(HealthCheckService checks, BusReadiness bus)
{
    public async Task<WorkerHealthReport> CheckAsync(HealthProbe probe, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(Filter(probe), cancellationToken);
        var starting = probe != HealthProbe.Live && report.Status == HealthStatus.Unhealthy && !bus.WasReady && !bus.HasFaulted;
        return new WorkerHealthReport(probe, starting ? WorkerHealthStatus.Starting : Map(report.Status), report);
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
