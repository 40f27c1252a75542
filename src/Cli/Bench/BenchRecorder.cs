using System.Diagnostics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Cli.Bench;

/// <summary>Collects what each run of one phase of a bench answered, from many tasks at once.</summary>
internal sealed class BenchRecorder
{
    private readonly double[] _latenciesMs;
    private readonly double[] _durationsMs;
    private long _startedAt;
    private long _stoppedAt;
    private int _completed;
    private int _faulted;
    private int _items;
    private int _itemsFaulted;
    private RunFaulted? _firstFault;
    private string? _firstLoss;

    public BenchRecorder(int count)
    {
        _latenciesMs = new double[count];
        _durationsMs = new double[count];
        Array.Fill(_latenciesMs, double.NaN);
        Array.Fill(_durationsMs, double.NaN);
    }

    public int Count => _latenciesMs.Length;

    public int Completed => Volatile.Read(ref _completed);

    public int Faulted => Volatile.Read(ref _faulted);

    public int AnsweredCount => Completed + Faulted;

    /// <summary>From <see cref="Start"/> to <see cref="Stop"/>, or to now while the phase runs.</summary>
    public TimeSpan Elapsed => _startedAt == 0
        ? TimeSpan.Zero
        : Stopwatch.GetElapsedTime(_startedAt, _stoppedAt == 0 ? Stopwatch.GetTimestamp() : _stoppedAt);

    /// <summary>The phase's clock starts: its first run is about to be sent.</summary>
    public void Start() => _startedAt = Stopwatch.GetTimestamp();

    /// <summary>The phase's clock stops: every run is answered or lost.</summary>
    public void Stop() => _stoppedAt = Stopwatch.GetTimestamp();

    public void Answered(int index, RunReply reply, TimeSpan latency)
    {
        _latenciesMs[index] = latency.TotalMilliseconds;
        _durationsMs[index] = reply.DurationMs;
        if (reply.Items is { } items)
        {
            Interlocked.Add(ref _items, items.Count);
            Interlocked.Add(ref _itemsFaulted, items.Count(item => item.Error is not null));
        }

        if (reply.Faulted is { } error)
        {
            Interlocked.CompareExchange(ref _firstFault, error, null);
            Interlocked.Increment(ref _faulted);
        }
        else
        {
            Interlocked.Increment(ref _completed);
        }
    }

    public void Lost(string reason) => Interlocked.CompareExchange(ref _firstLoss, reason, null);

    public BenchSummary Summarize()
    {
        var sorted = _latenciesMs.Where(latency => !double.IsNaN(latency)).Order().ToArray();
        var durations = _durationsMs.Where(duration => !double.IsNaN(duration)).Order().ToArray();
        return new BenchSummary
        {
            Count = Count,
            Completed = Completed,
            Faulted = Faulted,
            Items = Volatile.Read(ref _items),
            ItemsFaulted = Volatile.Read(ref _itemsFaulted),
            Seconds = Elapsed.TotalSeconds,
            P50Ms = Percentile.Of(sorted, 50),
            P95Ms = Percentile.Of(sorted, 95),
            P99Ms = Percentile.Of(sorted, 99),
            MaxMs = sorted.Length > 0 ? sorted[^1] : 0,
            DurationP50Ms = Percentile.Of(durations, 50),
            FirstFault = _firstFault,
            FirstLoss = _firstLoss,
        };
    }
}
