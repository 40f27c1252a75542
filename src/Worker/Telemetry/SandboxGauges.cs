using System.Diagnostics.Metrics;
using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Telemetry;

/// <summary>
/// Observable gauges read from <see cref="JsSandbox.GetStatistics"/> at each collection: threads by state
/// (busy, idle, retired), runs queued for a thread and runs in flight. A hosted service only so that the gauges exist
/// from the start, before the first message.
/// </summary>
internal sealed class SandboxGauges : IHostedService
{
    public SandboxGauges(IMeterFactory meters, JsSandbox sandbox, IOptions<WorkerOptions> options)
    {
        var meter = meters.Create(WorkerMetrics.MeterName);
        var worker = new KeyValuePair<string, object?>("worker.id", options.Value.EffectiveWorkerId);
        meter.CreateObservableGauge("isolated_runtime.sandbox.threads", () =>
        {
            var statistics = sandbox.GetStatistics();
            return new Measurement<int>[]
            {
                new(statistics.BusyThreads, worker, new("state", "busy")),
                new(statistics.IdleThreads, worker, new("state", "idle")),
                new(statistics.RetiredThreads, worker, new("state", "retired")),
            };
        }, "{thread}", "Sandbox threads by state: busy running JavaScript, idle, or retired by the watchdog (stuck).");
        meter.CreateObservableGauge("isolated_runtime.sandbox.queued_runs", () => new Measurement<int>(sandbox.GetStatistics().QueuedRuns, worker),
            "{run}", "Runs waiting for a sandbox thread.");
        meter.CreateObservableGauge("isolated_runtime.sandbox.active_runs", () => new Measurement<int>(sandbox.GetStatistics().ActiveRuns, worker),
            "{run}", "Runs admitted and not finished, including those waiting on timers without a thread.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
