using System.Diagnostics;
using System.Diagnostics.Metrics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Options;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Telemetry;

/// <summary>
/// A span and two histograms per run, on the worker's one meter (<see cref="WorkerMetrics.MeterName"/>) and the
/// activity source of the same name. The span is a child of MassTransit's consume span (the current activity while the
/// consumer runs), so a trace shows the message, the run and its answer together.
/// </summary>
internal sealed class RunTelemetry
{
    /// <summary>The activity source of run spans.</summary>
    public const string ActivitySourceName = WorkerMetrics.MeterName;

    private static readonly ActivitySource _source = new(ActivitySourceName);

    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _startDelay;
    private readonly KeyValuePair<string, object?> _worker;

    public RunTelemetry(IMeterFactory meters, IOptions<WorkerOptions> options)
    {
        // The factory hands back the meter WorkerMetrics created: one meter per worker, not one per class.
        var meter = meters.Create(WorkerMetrics.MeterName);
        _duration = meter.CreateHistogram<double>("isolated_runtime.run.duration", "ms",
            "Time from the start of user code to the end of the run, by outcome.");
        _startDelay = meter.CreateHistogram<double>("isolated_runtime.run.start_delay", "ms",
            "Time from handing a run to the sandbox until its user code started: waiting for a sandbox thread, building the engine, loading modules.");
        _worker = new("worker.id", options.Value.EffectiveWorkerId);
    }

    /// <summary>Starts the span of one run; dispose the result when the run is over.</summary>
    public RunSpan Start(RunRequested request)
    {
        var activity = _source.StartActivity("isolated_runtime.run", ActivityKind.Internal);
        activity?.SetTag("isolated_runtime.correlation_id", request.CorrelationId.ToString());
        activity?.SetTag("isolated_runtime.function", request.FuncName);
        activity?.SetTag("isolated_runtime.file", request.File);
        return new RunSpan(this, activity, Stopwatch.GetTimestamp());
    }

    internal void Record(Activity? activity, long started, RunOutcome outcome)
    {
        var kind = OutcomeKind(outcome.Error?.Kind);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", kind);
        _duration.Record(outcome.Duration.TotalMilliseconds, _worker, outcomeTag);
        if (outcome.Duration > TimeSpan.Zero)
        {
            var delay = Stopwatch.GetElapsedTime(started) - outcome.Duration;
            _startDelay.Record(Math.Max(0, delay.TotalMilliseconds), _worker);
        }

        activity?.SetTag("isolated_runtime.outcome", kind);
        if (outcome.Error is { } error)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error.Kind.ToString());
        }
    }

    /// <summary>The <c>outcome</c> tag: <c>Completed</c> or the <see cref="RunErrorKind"/> name, as in
    /// <c>isolated_runtime.runs.executed</c>.</summary>
    public static string OutcomeKind(RunErrorKind? fault) => fault?.ToString() ?? "Completed";
}
