using System.Diagnostics;
using System.Globalization;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Benchmarks.Fixtures;

namespace IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

/// <summary>
/// The limit behaviours the speed targets name, timed with a stopwatch because each is one long event rather than a
/// hot loop: a <c>while(true)</c> run under a 100 ms budget, the run queued behind it on the same (only) thread, and
/// 1,000 concurrent runs each awaiting a 1 s timer on a two-thread pool.
/// </summary>
internal static class LimitScenarios
{
    internal const int Samples = 10;

    public static async Task<int> RunAsync(TextWriter output)
    {
        using var root = new BenchmarkCodeRoot();
        var timeoutMet = await MeasureTimeoutAsync(root, output);
        var timersMet = await MeasureTimersAsync(root, output);
        return timeoutMet && timersMet ? 0 : 1;
    }

    private static async Task<bool> MeasureTimeoutAsync(BenchmarkCodeRoot root, TextWriter output)
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = new PoolOptions { MinThreads = 1, MaxThreads = 1 } });
        Runs.EnsureCompleted(await sandbox.RunAsync(Runs.Add(root.Path)));
        var faults = new List<double>();
        var handoffs = new List<double>();
        for (var sample = 0; sample < Samples; sample++)
        {
            var started = Stopwatch.GetTimestamp();
            var spin = sandbox.RunAsync(Runs.Spin(root.Path, TimeSpan.FromMilliseconds(100)));
            var next = sandbox.RunAsync(Runs.Add(root.Path));

            // Each answer is timed where it lands, so neither measurement waits for the other's continuation.
            var spunAt = spin.ContinueWith(_ => Stopwatch.GetTimestamp(), TaskScheduler.Default);
            var nextAt = next.ContinueWith(_ => Stopwatch.GetTimestamp(), TaskScheduler.Default);
            var spun = await spin;
            Runs.EnsureCompleted(await next);
            var faultedAfter = Stopwatch.GetElapsedTime(started, await spunAt);
            var nextAfter = Stopwatch.GetElapsedTime(started, await nextAt);
            if (spun.Error?.Kind != RunErrorKind.Timeout)
            {
                throw new InvalidOperationException($"while(true) under 100 ms ended as {spun.Error?.Kind.ToString() ?? "completed"}, not Timeout.");
            }

            faults.Add(faultedAfter.TotalMilliseconds);
            handoffs.Add((nextAfter - faultedAfter).TotalMilliseconds);
        }

        var met = faults.Max() <= 150;
        Report(output, "while(true), 100 ms budget: sent -> Timeout fault (ms)", faults, met ? "target <= 150 ms: met" : "target <= 150 ms: MISSED");
        Report(output, "run queued behind it on the same single thread: fault -> its answer (ms)", handoffs, "served at once");
        return met;
    }

    private static async Task<bool> MeasureTimersAsync(BenchmarkCodeRoot root, TextWriter output)
    {
        const int InFlight = 1_000;
        await using var sandbox = new JsSandbox(new SandboxOptions
        {
            Pool = new PoolOptions { MinThreads = 2, MaxThreads = 2, MaxQueue = InFlight * 2 },
        });
        Runs.EnsureCompleted(await sandbox.RunAsync(Runs.Wait(root.Path, 1)));
        var totals = new List<double>();
        for (var sample = 0; sample < 3; sample++)
        {
            var started = Stopwatch.GetTimestamp();
            var outcomes = await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => sandbox.RunAsync(Runs.Wait(root.Path, 1_000))));
            totals.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Array.ForEach(outcomes, Runs.EnsureCompleted);
        }

        var met = totals.Max() < 2_000;
        Report(output, "1,000 concurrent runs awaiting a 1 s timer, 2 threads: all answered after (ms)", totals, met ? "target < 2000 ms: met" : "target < 2000 ms: MISSED");
        return met;
    }

    private static void Report(TextWriter output, string what, List<double> samples, string verdict)
    {
        var sorted = samples.Order().ToList();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: min {sorted[0]:F2}, median {sorted[sorted.Count / 2]:F2}, max {sorted[^1]:F2} ({sorted.Count} samples) - {verdict}"));
    }
}
