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

        var next = await sandbox.RunAsync(Runs.Inline("module.exports.g = () => 'served';", "g"));
        Assert.Equal("served", next.Result!.GetValue<string>());
        release.Set();
    }

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
