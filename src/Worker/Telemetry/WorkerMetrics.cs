using System.Diagnostics.Metrics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Worker.Options;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Telemetry;

/// <summary>
/// The worker's meter <c>IsolatedRuntime.Worker</c>: runs executed (by outcome), answers served from the result
/// store, answers that could not be delivered, and the worker time of each answer. Every measurement carries <c>worker.id</c>.
/// </summary>
internal sealed class WorkerMetrics
{
    public const string MeterName = "IsolatedRuntime.Worker";

    // Answers from the store take well under a millisecond, executed runs up to the longest timeout: the default
    // buckets (0, 5, 10, 25 ms…) would put every answer from the store in the first one.
    private static readonly double[] _answerBuckets =
        [0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];

    private readonly Counter<long> _executed;
    private readonly Counter<long> _fromStore;
    private readonly Histogram<double> _answerTime;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _undelivered;
    private readonly Counter<long> _cancels;
    private readonly KeyValuePair<string, object?> _worker;

    public WorkerMetrics(IMeterFactory meters, IOptions<WorkerOptions> options)
    {
        var meter = meters.Create(MeterName);
        _executed = meter.CreateCounter<long>("isolated_runtime.runs.executed", "{run}", "Runs executed in the sandbox, by outcome.");
        _fromStore = meter.CreateCounter<long>("isolated_runtime.runs.from_store", "{run}", "Requests answered from the result store without running.");
        _answerTime = meter.CreateHistogram<double>("isolated_runtime.answer.duration", "ms", "Worker time from receiving a request to sending its answer.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = _answerBuckets });
        _cacheLookups = meter.CreateCounter<long>("isolated_runtime.cache.lookups", "{lookup}", "Requests looked up in the result store, by result (hit, miss).");
        _undelivered = meter.CreateCounter<long>("isolated_runtime.answers.undelivered", "{answer}",
            "Answers that could not be delivered (the outcome is stored), by reason: refused_address, no_such_queue, outcome_exchange_unusable, broker_error.");
        _cancels = meter.CreateCounter<long>("isolated_runtime.cancels.received", "{cancel}",
            "CancelRun messages received, by whether this worker was running the run (running_here).");
        _worker = new("worker.id", options.Value.EffectiveWorkerId);
    }

    public void Executed(RunErrorKind? fault) =>
        _executed.Add(1, _worker, new("outcome", fault?.ToString() ?? "Completed"));

    public void CancelReceived(bool wasRunningHere) => _cancels.Add(1, _worker, new("running_here", wasRunningHere));

    public void AnsweredFromStore() => _fromStore.Add(1, _worker);

    public void Undelivered(string reason) => _undelivered.Add(1, _worker, new("reason", reason));

    public void Answered(TimeSpan elapsed, bool fromStore)
    {
        _answerTime.Record(elapsed.TotalMilliseconds, _worker, new("from_store", fromStore));
        _cacheLookups.Add(1, _worker, new("result", fromStore ? "hit" : "miss"));
    }
}
