using System.Diagnostics;
using IsolatedRuntime.Cli.Backends;

namespace IsolatedRuntime.Cli.Bench;

/// <summary>Collects what each run of a bench answered, from many tasks at once.</summary>
internal sealed class BenchRecorder
{
    private readonly double[] _latenciesMs;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private int _completed;
    private int _faulted;
    private CliRunError? _firstFault;
    private string? _firstLoss;

    public BenchRecorder(int count)
    {
        _latenciesMs = new double[count];
        Array.Fill(_latenciesMs, double.NaN);
    }

    public int Count => _latenciesMs.Length;

    public int Completed => Volatile.Read(ref _completed);

    public int Faulted => Volatile.Read(ref _faulted);

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startedAt);

    public void Answered(int index, CliRunResult result, TimeSpan latency)
    {
        _latenciesMs[index] = latency.TotalMilliseconds;
        if (result.Error is { } error)
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
        var seconds = Elapsed.TotalSeconds;
        var sorted = _latenciesMs.Where(latency => !double.IsNaN(latency)).Order().ToArray();
        return new BenchSummary
        {
            Count = Count,
            Completed = Completed,
            Faulted = Faulted,
            Seconds = seconds,
            P50Ms = Percentile.Of(sorted, 50),
            P95Ms = Percentile.Of(sorted, 95),
            P99Ms = Percentile.Of(sorted, 99),
            FirstFault = _firstFault,
            FirstLoss = _firstLoss,
        };
    }
}
