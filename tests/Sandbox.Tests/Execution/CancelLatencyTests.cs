using System.Diagnostics;
using IsolatedRuntime.Contracts;
using Xunit.Abstractions;

namespace IsolatedRuntime.Sandbox.Tests.Execution;

/// <summary>
/// A caller's cancellation (the token given to <see cref="JsSandbox.RunAsync"/>) is answered <c>Canceled</c> within a
/// few milliseconds, whatever the run is doing: computing, waiting on a timer, or halfway through a batch. The
/// asserts allow 500 ms; the figures measured are written to the test output and docs/runtime.md.
/// </summary>
public sealed class CancelLatencyTests(ITestOutputHelper output) : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    private static readonly TimeSpan _bound = TimeSpan.FromMilliseconds(500);

    public static TheoryData<string, RunOptions> Runs => new()
    {
        { "a busy loop", Execution.Runs.Inline("module.exports.f = () => { for (;;) {} };", timeout: TimeSpan.FromSeconds(30)) },
        { "a busy loop inside try/catch", Execution.Runs.Inline("module.exports.f = () => { for (;;) { try { for (;;) {} } catch {} } };", timeout: TimeSpan.FromSeconds(30)) },
        { "a wait on a long timer", Execution.Runs.Inline("module.exports.f = () => new Promise(r => setTimeout(r, 60000));", timeout: TimeSpan.FromSeconds(30)) },
        { "a batch of busy items", Batches.Batches.Of("exports.f = (n) => { const s = Date.now(); while (Date.now() - s < 50) {} return n; };", Items(200), timeout: TimeSpan.FromSeconds(30)) },
        { "a batch of items waiting on timers", Batches.Batches.Of("exports.f = (n) => new Promise(r => setTimeout(() => r(n), 30));", Items(200), timeout: TimeSpan.FromSeconds(30)) },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_caller_cancellation_is_answered_Canceled_promptly(string name, RunOptions run)
    {
        // A process's first runs spend a while in the JIT; the figure wanted is a warmed-up sandbox's.
        Assert.True((await Sandbox.RunAsync(Execution.Runs.Inline("module.exports.f = async () => { for (let i = 0; i < 100; i++) {} await null; return 1; };"))).IsCompleted);
        var latencies = new List<double>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var cancel = new CancellationTokenSource();
            var pending = Sandbox.RunAsync(run, cancel.Token);
            await Task.Delay(300);
            Assert.False(pending.IsCompleted, $"{name} finished before it was canceled");

            var clock = Stopwatch.StartNew();
            await cancel.CancelAsync();
            var outcome = await pending;
            var latency = clock.Elapsed;

            Assert.Equal(RunErrorKind.Canceled, outcome.Error?.Kind);
            Assert.Null(outcome.Items);
            Assert.True(latency < _bound, $"{name}: answered {latency.TotalMilliseconds:F1} ms after the cancel");
            latencies.Add(latency.TotalMilliseconds);
        }

        latencies.Sort();
        output.WriteLine($"{name}: cancel -> Canceled in {latencies[0]:F2} / {latencies[2]:F2} / {latencies[4]:F2} ms (min / median / max of 5)");
    }

    private static string Items(int count) => "[" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"[{i}]")) + "]";
}
