using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using IsolatedRuntime.Sandbox.Pool;
using Microsoft.Extensions.Logging.Abstractions;

namespace IsolatedRuntime.Sandbox.Benchmarks;

/// <summary>
/// The cost of handing trivial slices to the sandbox pool, beside the .NET thread pool doing the same: a burst
/// (throughput with threads kept busy) and a round trip (each slice waits for the previous one, so every handoff
/// wakes a sleeping thread).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes them in [GlobalCleanup].")]
public class PoolBenchmarks
{
    private const int _burst = 10_000;
    private const int _roundTrips = 1_000;

    private readonly ManualResetEventSlim _done = new();
    private SandboxThreadPool _pool = null!;
    private CountdownWork[] _work = [];
    private int _remaining;

    /// <summary>Threads of the sandbox pool.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new PoolOptions { MinThreads = Threads, MaxThreads = Threads, MaxQueue = _burst };
        _pool = new SandboxThreadPool(options, NullLogger.Instance);
        _work = [.. Enumerable.Range(0, _burst).Select(_ => new CountdownWork(this))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pool.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _done.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = _burst)]
    public void DotNetThreadPoolBurst()
    {
        Arm(_burst);
        foreach (var work in _work)
        {
            ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
        }

        _done.Wait();
    }

    [Benchmark(OperationsPerInvoke = _burst)]
    public void AdmitBurst()
    {
        Arm(_burst);
        foreach (var work in _work)
        {
            _pool.Admit(work);
        }

        _done.Wait();
    }

    [Benchmark(OperationsPerInvoke = _burst)]
    public void ContinueBurst()
    {
        Arm(_burst);
        foreach (var work in _work)
        {
            _pool.Continue(work);
        }

        _done.Wait();
    }

    [Benchmark(OperationsPerInvoke = _roundTrips)]
    public void AdmitRoundTrip()
    {
        for (var i = 0; i < _roundTrips; i++)
        {
            Arm(1);
            _pool.Admit(_work[i]);
            _done.Wait();
        }
    }

    private void Arm(int count)
    {
        _done.Reset();
        Volatile.Write(ref _remaining, count);
    }

    private void CountDown()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.Set();
        }
    }

    private sealed class CountdownWork(PoolBenchmarks owner) : ISandboxWork, IThreadPoolWorkItem
    {
        public long? DeadlineTimestamp => long.MaxValue;

        public void Execute() => owner.CountDown();

        public void OnAbandoned()
        {
        }

        public void OnRejected(PoolRejection reason) => throw new InvalidOperationException($"Rejected: {reason}");

        void IThreadPoolWorkItem.Execute() => owner.CountDown();
    }
}
