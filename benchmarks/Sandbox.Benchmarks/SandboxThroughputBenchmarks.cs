using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using IsolatedRuntime.Sandbox.Benchmarks.Fixtures;

namespace IsolatedRuntime.Sandbox.Benchmarks;

/// <summary>
/// A trivial exported function through the public <see cref="JsSandbox.RunAsync"/>: a fresh engine per run on a
/// two-thread pool. <see cref="Concurrent"/> keeps 1,000 runs in flight (throughput: runs/s = 1 / mean);
/// <see cref="Sequential"/> is one run's latency with nothing else in flight.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes them in [GlobalCleanup].")]
public class SandboxThroughputBenchmarks
{
    internal const int InFlight = 1_000;

    private BenchmarkCodeRoot _root = null!;
    private JsSandbox _sandbox = null!;
    private readonly Task<RunOutcome>[] _runs = new Task<RunOutcome>[InFlight];

    [GlobalSetup]
    public void Setup()
    {
        _root = new BenchmarkCodeRoot();
        _sandbox = new JsSandbox(new SandboxOptions
        {
            Pool = new PoolOptions { MinThreads = 2, MaxThreads = 2, MaxQueue = InFlight * 2 },
        });
        Runs.EnsureCompleted(_sandbox.RunAsync(Runs.Add(_root.Path)).GetAwaiter().GetResult());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _root.Dispose();
    }

    [Benchmark(OperationsPerInvoke = InFlight, Description = "RunAsync, 1,000 in flight, 2 threads (per run)")]
    public async Task Concurrent()
    {
        for (var i = 0; i < InFlight; i++)
        {
            _runs[i] = _sandbox.RunAsync(Runs.Add(_root.Path));
        }

        foreach (var outcome in await Task.WhenAll(_runs))
        {
            Runs.EnsureCompleted(outcome);
        }
    }

    [Benchmark(Description = "RunAsync, one at a time (latency)")]
    public async Task Sequential() => Runs.EnsureCompleted(await _sandbox.RunAsync(Runs.Add(_root.Path)));
}
