using System.Diagnostics;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.Tests.Execution;

/// <summary>
/// Work the engine cannot interrupt (here: an operator's source compiler that blocks) still answers at deadline plus
/// the watchdog's grace: the outcome does not wait for the stuck thread, and the pool keeps serving.
/// </summary>
public sealed class StuckRunTests
{
    [Fact]
    public async Task Run_stuck_in_uninterruptible_work_times_out_at_deadline_plus_grace()
    {
        using var release = new ManualResetEventSlim();
        await using var sandbox = new JsSandbox(
            new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2, WatchdogGrace = TimeSpan.FromMilliseconds(200) } },
            sourceCompiler: new BlockingCompiler(release));

        var clock = Stopwatch.StartNew();
        var stuck = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => 'never';", timeout: TimeSpan.FromMilliseconds(100)));
        var answeredAfter = clock.Elapsed;

        Assert.Equal(RunErrorKind.Timeout, stuck.Error!.Kind);
        Assert.Equal("'f' in index.js ran past its 100 ms budget", stuck.Error.Message);
        Assert.InRange(answeredAfter, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Equal(1, sandbox.GetStatistics().RetiredThreads);
        Assert.Equal(1, sandbox.GetStatistics().StuckThreads);

        var next = await sandbox.RunAsync(Runs.Inline("module.exports.g = () => 'served';", "g"));
        Assert.Equal("served", next.Result!.GetValue<string>());
        release.Set();
    }

    [Fact]
    public async Task A_retired_thread_that_returns_is_no_longer_counted_as_stuck()
    {
        using var release = new ManualResetEventSlim();
        await using var sandbox = new JsSandbox(
            new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2, WatchdogGrace = TimeSpan.FromMilliseconds(200) } },
            sourceCompiler: new BlockingCompiler(release));

        var stuck = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => 'never';", timeout: TimeSpan.FromMilliseconds(100)));
        Assert.Equal(RunErrorKind.Timeout, stuck.Error!.Kind);
        Assert.Equal(1, sandbox.GetStatistics().StuckThreads);
        if (OperatingSystem.IsLinux() && ProcessNiceValue() < 19)
        {
            Assert.Contains(19, ThreadNiceValues());
        }

        release.Set();
        var waited = Stopwatch.StartNew();
        while (sandbox.GetStatistics().StuckThreads > 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, sandbox.GetStatistics().StuckThreads);
        Assert.Equal(1, sandbox.GetStatistics().RetiredThreads);
    }

    // The nice value of every thread of this process (field 19 of /proc/self/task/N/stat).
    private static List<int> ThreadNiceValues()
    {
        var values = new List<int>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                values.Add(NiceValue(File.ReadAllText(Path.Combine(task, "stat"))));
            }
            catch (IOException)
            {
                // The thread exited while being read.
            }
        }

        return values;
    }

    // A process started at the lowest priority already cannot show a retired thread lowered.
    private static int ProcessNiceValue() => NiceValue(File.ReadAllText("/proc/self/stat"));

    private static int NiceValue(string stat) =>
        int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);

    private sealed class BlockingCompiler(ManualResetEventSlim release) : ISourceCompiler
    {
        public string Compile(string code, string fileName)
        {
            if (code.Contains("'never'", StringComparison.Ordinal))
            {
                release.Wait(TimeSpan.FromSeconds(30));
            }

            return code;
        }
    }
}
