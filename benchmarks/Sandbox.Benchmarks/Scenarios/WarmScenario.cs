using System.Diagnostics;
using System.Globalization;
using IsolatedRuntime.Sandbox.Tests.Compat;

namespace IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

/// <summary>
/// Cold and warm time per run of functions that use lodash, dayjs and zod (the Compat differential cases), one run
/// at a time through <see cref="JsSandbox.RunAsync"/>, beside the same function called in a loop inside one
/// <c>node</c> process. Per-run figures are wall-clock medians (p50) and p90 from <c>RunAsync</c> to its outcome,
/// plus process CPU time per run, which moves less with the load of a shared machine. Node's figure is the function's
/// own time after 200 warm-up calls; the sandbox's includes the whole run (pool handoff, restoring the engine).
/// </summary>
internal static class WarmScenario
{
    internal const int ColdWarmUps = 3;
    internal const int ColdRuns = 20;
    // A worker serves warm runs for hours: the figure to report is its steady state. 300 warm-ups left .NET's tiered
    // JIT still recompiling the restore path (a run with tiering off measured lodash at 0.7 ms against 1.8 ms).
    internal const int WarmWarmUps = 3_000;
    internal const int WarmRuns = 1_000;
    internal const int NodeCalls = 2_000;

    private static readonly (string Package, string Case)[] _functions = [("lodash", "lodash.js"), ("dayjs", "dayjs.js"), ("zod", "zod.js")];

    public static async Task RunAsync(TextWriter output)
    {
        var packages = CompatPackagesFolder.Install();
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = new PoolOptions { MinThreads = 1, MaxThreads = 1 } });
        output.WriteLine("| function | cold p50 | cold p90 | warm p50 | warm p90 | warm CPU/run | node p50 | node p90 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (package, file) in _functions)
        {
            // Warm-ups are not counted: they read and parse the files and give .NET's tiered JIT time to settle.
            await MeasureAsync(sandbox, Run(packages, package, file, warm: false), ColdWarmUps);
            var cold = await MeasureAsync(sandbox, Run(packages, package, file, warm: false), ColdRuns);
            await MeasureAsync(sandbox, Run(packages, package, file, warm: true), WarmWarmUps);
            var warm = await MeasureAsync(sandbox, Run(packages, package, file, warm: true), WarmRuns);
            var node = MeasureNode(packages, file);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {package} (`cases/{file}`) | {cold.P50:F2} ms | {cold.P90:F2} ms | {warm.P50:F3} ms | {warm.P90:F3} ms | {warm.CpuMs:F3} ms | {node.P50:F3} ms | {node.P90:F3} ms |"));
        }
    }

    private static Func<RunOptions> Run(CompatPackagesFolder packages, string package, string file, bool warm) => () => new RunOptions
    {
        Root = packages.Path,
        File = "cases/" + file,
        FuncName = "f",
        External = [package],
        Warm = warm,
    };

    private static async Task<Figures> MeasureAsync(JsSandbox sandbox, Func<RunOptions> run, int count)
    {
        var times = new double[count];
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var outcome = await sandbox.RunAsync(run());
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Fixtures.Runs.EnsureCompleted(outcome);
        }

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
        Array.Sort(times);
        return new Figures(Percentile(times, 0.5), Percentile(times, 0.9), cpu);
    }

    // The same function in one node process: warmed up, then timed call by call with hrtime.
    private static Figures MeasureNode(CompatPackagesFolder packages, string file)
    {
        var script = $$"""
            const { f } = require('./cases/{{file}}');
            for (let i = 0; i < 200; i++) f();
            const t = [];
            for (let i = 0; i < {{NodeCalls}}; i++) { const s = process.hrtime.bigint(); f(); t.push(Number(process.hrtime.bigint() - s) / 1e6); }
            t.sort((a, b) => a - b);
            process.stdout.write(t[Math.floor(t.length * 0.5)] + ' ' + t[Math.floor(t.length * 0.9)]);
            """;
        var parts = packages.Node(script, $"cases/{file}").Split(' ');
        return new Figures(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), double.NaN);
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Floor(sorted.Length * p)];

    private sealed record Figures(double P50, double P90, double CpuMs);
}
