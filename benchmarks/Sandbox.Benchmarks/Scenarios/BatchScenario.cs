using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using IsolatedRuntime.Sandbox.Benchmarks.Fixtures;

namespace IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Batches through <see cref="JsSandbox.RunAsync"/>: batches of 1,000 trivial items (<c>add(a, b)</c>), one batch at a
/// time and two at a time on two threads, as items/s and process CPU per item; and the cost of reading the thread
/// CPU clock that every turn of every run pays twice.
/// </summary>
internal static class BatchScenario
{
    internal const int ItemsPerBatch = 1_000;
    internal const int Batches = 100;
    internal const int WarmUpBatches = 100;

    public static async Task RunAsync(TextWriter output)
    {
        ReportClockCost(output);

        using var root = new BenchmarkCodeRoot();
        await using var sandbox = new JsSandbox(new SandboxOptions
        {
            Pool = new PoolOptions { MinThreads = 2, MaxThreads = 2 },
        });
        await SendAsync(sandbox, root, WarmUpBatches, inFlight: 2);
        foreach (var inFlight in new[] { 1, 2 })
        {
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            await SendAsync(sandbox, root, Batches, inFlight);
            var elapsed = Stopwatch.GetElapsedTime(started);
            process.Refresh();
            var items = (double)Batches * ItemsPerBatch;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"RunAsync, batches of {ItemsPerBatch:N0} trivial items, {inFlight} in flight, 2 threads: {items / elapsed.TotalSeconds:F0} items/s, " +
                $"{(process.TotalProcessorTime - cpuBefore).TotalMicroseconds / items:F1} us CPU per item ({Batches} batches)"));
        }
    }

    private static async Task SendAsync(JsSandbox sandbox, BenchmarkCodeRoot root, int count, int inFlight)
    {
        for (var sent = 0; sent < count; sent += inFlight)
        {
            var batches = Enumerable.Range(0, inFlight).Select(_ => sandbox.RunAsync(Batch(root.Path))).ToArray();
            foreach (var batch in await Task.WhenAll(batches))
            {
                Runs.EnsureCompleted(batch);
                if (batch.Items is not { Count: ItemsPerBatch } items || !items.All(i => i.IsCompleted))
                {
                    throw new InvalidOperationException("A benchmark batch item faulted.");
                }
            }
        }
    }

    private static RunOptions Batch(string root)
    {
        var items = new JsonArray();
        for (var i = 0; i < ItemsPerBatch; i++)
        {
            items.Add(new JsonArray(i, 3));
        }

        return new RunOptions { Root = root, File = "index.js", FuncName = "add", ArgsBatch = items };
    }

    // The thread CPU clock is internal to the sandbox; the benchmark reads the same clock the same way.
    private static void ReportClockCost(TextWriter output)
    {
        const int reads = 2_000_000;
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        long sink = 0;
        for (var i = 0; i < reads / 10; i++)
        {
            sink += ThreadClock.Now();
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < reads; i++)
        {
            sink += ThreadClock.Now();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"clock_gettime(CLOCK_THREAD_CPUTIME_ID): {elapsed.TotalNanoseconds / reads:F0} ns per read ({reads:N0} reads; 2 per turn) [{sink % 2}]"));
    }
}
