using Acornima.Ast;
using BenchmarkDotNet.Attributes;
using IsolatedRuntime.Sandbox.Benchmarks.Fixtures;
using Jint;

namespace IsolatedRuntime.Sandbox.Benchmarks;

/// <summary>
/// The floor under <see cref="SandboxThroughputBenchmarks"/>: the same function with a fresh <see cref="Engine"/> per
/// run, one shared prepared script and a call, and nothing else (no limits, no module system, no pool).
/// Per-run figures (runs/s = 1 / mean), on one thread and split over two.
/// </summary>
[MemoryDiagnoser]
public class BareJintBenchmarks
{
    internal const int Runs = 1_000;

    private Prepared<Script> _script;

    [GlobalSetup]
    public void Setup() => _script = Engine.PrepareScript(BenchmarkCodeRoot.TrivialScript);

    [Benchmark(OperationsPerInvoke = Runs, Description = "Bare Jint, 1 thread (per run)")]
    public void OneThread() => RunMany(Runs);

    [Benchmark(OperationsPerInvoke = Runs, Description = "Bare Jint, 2 threads (per run)")]
    public void TwoThreads()
    {
        var other = new Thread(() => RunMany(Runs / 2));
        other.Start();
        RunMany(Runs - (Runs / 2));
        other.Join();
    }

    [Benchmark(Description = "new Engine() only")]
    public Engine EngineOnly() => new();

    private void RunMany(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var engine = new Engine();
            engine.Execute(_script);
            if (engine.Invoke("add", 2, 3).AsNumber() != 5)
            {
                throw new InvalidOperationException("The bare floor computed a wrong sum.");
            }
        }
    }
}
