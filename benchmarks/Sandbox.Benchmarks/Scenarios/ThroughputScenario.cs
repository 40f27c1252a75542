using System.Diagnostics;
using System.Globalization;
using Acornima.Ast;
using IsolatedRuntime.Sandbox.Benchmarks.Fixtures;
using Jint;

namespace IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Throughput of the trivial function through <see cref="JsSandbox.RunAsync"/> (1,000 in flight, two threads) beside
/// the bare Jint floor on two threads, each as wall-clock runs/s and as process CPU time per run. On a shared machine
/// the wall clock moves with everyone else's load; CPU time per run mostly does not, so the ratio of CPU times is the
/// fairer comparison.
/// </summary>
internal static class ThroughputScenario
{
    internal const int RunCount = 40_000;
    internal const int InFlight = 1_000;

    // Tiered compilation keeps recompiling the sandbox's much larger code path for tens of thousands of runs; a
    // shorter warm-up measured the JIT rather than the run (about 90 µs of CPU per run instead of 20).
    internal const int WarmUpRuns = 3 * RunCount;

    public static async Task RunAsync(TextWriter output)
    {
        using var root = new BenchmarkCodeRoot();
        await using var sandbox = new JsSandbox(new SandboxOptions
        {
            Pool = new PoolOptions { MinThreads = 2, MaxThreads = 2, MaxQueue = InFlight * 2 },
        });
        await SendAsync(sandbox, root, WarmUpRuns);
        var sandboxed = await MeasureAsync(() => SendAsync(sandbox, root, RunCount));
        Report(output, "RunAsync, 1,000 in flight, 2 threads", sandboxed);

        var script = Engine.PrepareScript(BenchmarkCodeRoot.TrivialScript);
        await BareOnTwoThreadsAsync(script, WarmUpRuns);
        // The bare threads exit before the second reading, taking their CPU time out of /proc: no split for them.
        var bare = await MeasureAsync(() => BareOnTwoThreadsAsync(script, RunCount), byThreads: false);
        Report(output, "bare Jint, 2 threads", bare);

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"RunAsync / bare: {sandboxed.RunsPerSecond / bare.RunsPerSecond:P0} of the floor's runs/s, " +
            $"{sandboxed.CpuMicrosecondsPerRun / bare.CpuMicrosecondsPerRun:F1}x its CPU per run"));
    }

    private static async Task SendAsync(JsSandbox sandbox, BenchmarkCodeRoot root, int count)
    {
        var inFlight = new Task<RunOutcome>[InFlight];
        for (var sent = 0; sent < count; sent += InFlight)
        {
            for (var i = 0; i < InFlight; i++)
            {
                inFlight[i] = sandbox.RunAsync(Runs.Add(root.Path));
            }

            Array.ForEach(await Task.WhenAll(inFlight), Runs.EnsureCompleted);
        }
    }

    private static Task BareOnTwoThreadsAsync(Prepared<Script> script, int count)
    {
        var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() => Bare(script, count / 2))).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return Task.CompletedTask;
    }

    private static void Bare(Prepared<Script> script, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var engine = new Engine();
            engine.Execute(script);
            engine.Invoke("add", 2, 3);
        }
    }

    private static async Task<Measurement> MeasureAsync(Func<Task> work, bool byThreads = true)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var threadsBefore = ThreadCpu.Read();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gcBefore = GC.CollectionCount(0);
        var started = Stopwatch.GetTimestamp();
        await work();
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return new Measurement(
            RunCount / elapsed.TotalSeconds,
            cpu.TotalMicroseconds / RunCount,
            GC.CollectionCount(0) - gcBefore,
            (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / RunCount,
            byThreads && ThreadCpu.PerRun(threadsBefore, ThreadCpu.Read(), RunCount) is { Length: > 0 } split ? $" ({split})" : "");
    }

    private static void Report(TextWriter output, string what, Measurement measured) =>
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {measured.RunsPerSecond:F0} runs/s, {measured.CpuMicrosecondsPerRun:F1} us CPU per run{measured.CpuByThreads}, {measured.AllocatedBytesPerRun:N0} B allocated per run, {measured.Gen0Collections} gen0 GCs ({RunCount} runs)"));

    private sealed record Measurement(double RunsPerSecond, double CpuMicrosecondsPerRun, int Gen0Collections, long AllocatedBytesPerRun, string CpuByThreads);
}
