using IsolatedRuntime.Sandbox;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Health;

/// <summary>
/// Liveness: the sandbox's threads are responsive. .NET cannot abort a stuck thread, so the watchdog retires it and
/// starts another; retired threads keep their stack and whatever they hold, and only a new process gets them back.
/// </summary>
internal sealed class SandboxHealthCheck(JsSandbox sandbox, IOptions<HealthOptions> options) : IHealthCheck
{
    public const string Name = "sandbox";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = sandbox.GetStatistics();
        var data = new Dictionary<string, object>
        {
            ["busyThreads"] = statistics.BusyThreads,
            ["idleThreads"] = statistics.IdleThreads,
            ["queuedRuns"] = statistics.QueuedRuns,
            ["activeRuns"] = statistics.ActiveRuns,
            ["retiredThreads"] = statistics.RetiredThreads,
            ["stuckThreads"] = statistics.StuckThreads,
        };
        var limit = options.Value.MaxRetiredThreads;
        var result = statistics.RetiredThreads switch
        {
            0 => HealthCheckResult.Healthy("Sandbox threads are responsive.", data),
            var retired when retired >= limit => HealthCheckResult.Unhealthy(
                $"{retired} sandbox threads were retired from runs that ignored their deadline, {statistics.StuckThreads} still busy (limit {limit}); restart the worker to reclaim them.",
                data: data),
            var retired => HealthCheckResult.Degraded(
                $"{retired} sandbox thread(s) stuck in runs that ignored their deadline were replaced; the worker restarts itself no sooner than at {limit}.",
                data: data),
        };
        return Task.FromResult(result);
    }
}
