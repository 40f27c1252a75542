using System.Diagnostics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Tests.Execution;
using Xunit.Abstractions;

namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>
/// Every outcome reports the CPU time its run's turns spent (<see cref="RunOutcome.CpuTime"/>), and a run with a
/// <see cref="RunOptions.CpuBudget"/> faults <c>CpuLimit</c> when its turns together spend more. Waiting on a timer
/// holds no thread and costs nothing. Linux and Windows read thread CPU clocks; elsewhere the figures are zero.
/// </summary>
public sealed class CpuBudgetTests(ITestOutputHelper output)
    : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 }, MaxCpuBudget = TimeSpan.FromMilliseconds(500) })
{
    private static readonly TimeSpan _wall = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_busy_run_reports_the_CPU_time_its_work_took_and_never_more_than_its_duration()
    {
        await WarmUpAsync();
        Assert.True(ThreadCpuClock.IsAvailable, "this platform has no thread CPU clock");

        // A fixed amount of work, not a wall-clock wait: on a loaded machine a thread busy for 150 ms of wall time
        // was given 33 ms of CPU, while this loop costs the same CPU however long the scheduler stretches it.
        var outcome = await Sandbox.RunAsync(Run("module.exports.f = () => { let x = 0; for (let i = 0; i < 5e5; i++) { x += i; } return x > 0; };"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        output.WriteLine($"duration {outcome.Duration.TotalMilliseconds:F1} ms, CPU {outcome.CpuTime.TotalMilliseconds:F1} ms");
        Assert.InRange(outcome.CpuTime, TimeSpan.FromMilliseconds(40), outcome.Duration + TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task A_run_waiting_on_a_timer_accrues_almost_no_CPU_time()
    {
        await WarmUpAsync();
        var outcome = await Sandbox.RunAsync(Run("module.exports.f = () => new Promise(r => setTimeout(() => r(1), 300));"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        output.WriteLine($"duration {outcome.Duration.TotalMilliseconds:F1} ms, CPU {outcome.CpuTime.TotalMilliseconds:F3} ms");
        Assert.True(outcome.Duration >= TimeSpan.FromMilliseconds(290), outcome.Duration.ToString());
        Assert.True(outcome.CpuTime < TimeSpan.FromMilliseconds(30), outcome.CpuTime.ToString());
        Assert.True(outcome.CpuTime > TimeSpan.Zero);
    }

    public static TheoryData<string, string> BusyCode => new()
    {
        { "a busy loop", "module.exports.f = () => { for (;;) {} };" },
        { "a busy loop inside try/catch/finally", "module.exports.f = () => { try { for (;;) {} } catch { return 'caught'; } finally { return 'finally'; } };" },
        { "a busy async loop", "module.exports.f = async () => { for (;;) { await null; } };" },
        { "busy timer callbacks, each short", "module.exports.f = () => new Promise(() => { const turn = () => { const s = Date.now(); while (Date.now() - s < 5) {} setTimeout(turn, 0); }; turn(); });" },
        { "a busy loop in a warm engine", "module.exports.f = () => { let n = 0; for (;;) n++; };" },
    };

    [Theory]
    [MemberData(nameof(BusyCode))]
    public async Task Busy_code_faults_CpuLimit_promptly(string name, string source)
    {
        await WarmUpAsync();
        var started = Stopwatch.StartNew();
        var outcome = await Sandbox.RunAsync(Run(source, TimeSpan.FromMilliseconds(50), warm: name.Contains("warm", StringComparison.Ordinal)));
        var answeredAfter = started.Elapsed;

        output.WriteLine($"{name}: answered after {answeredAfter.TotalMilliseconds:F1} ms, CPU {outcome.CpuTime.TotalMilliseconds:F1} ms");
        Assert.Equal(RunErrorKind.CpuLimit, outcome.Error?.Kind);
        Assert.Equal("CpuLimitError", outcome.Error!.Name);
        Assert.Equal("'f' in index.js used more than its 50 ms CPU budget", outcome.Error.Message);
        Assert.True(answeredAfter < TimeSpan.FromSeconds(2), $"{name}: answered after {answeredAfter}");
        Assert.True(outcome.CpuTime >= TimeSpan.FromMilliseconds(50), outcome.CpuTime.ToString());
    }

    [Fact]
    public async Task The_budget_covers_all_turns_together()
    {
        await WarmUpAsync();
        // 40 turns of a fixed amount of work (a counted loop costs the same CPU however loaded the machine is; 10,000
        // iterations measured 12-24 ms here): every turn is well under the 100 ms budget, their sum is far over it.
        var outcome = await Sandbox.RunAsync(Run(
            "module.exports.f = async () => { for (let t = 0; t < 40; t++) { for (let i = 0; i < 10000; i++) {} await new Promise(r => setTimeout(r, 1)); } return 'done'; };",
            TimeSpan.FromMilliseconds(100)));

        output.WriteLine($"{outcome.Error?.Kind} {outcome.Error?.Message} {outcome.Result} CPU {outcome.CpuTime.TotalMilliseconds:F1} ms, duration {outcome.Duration.TotalMilliseconds:F1} ms");
        Assert.Equal(RunErrorKind.CpuLimit, outcome.Error?.Kind);

        // Not in the first turns: two turns of the same work fit in the budget.
        var twoTurns = await Sandbox.RunAsync(Run(
            "module.exports.f = async () => { for (let t = 0; t < 2; t++) { for (let i = 0; i < 10000; i++) {} await new Promise(r => setTimeout(r, 1)); } return 'done'; };",
            TimeSpan.FromMilliseconds(100)));
        output.WriteLine($"two turns: {twoTurns.Error?.Kind} CPU {twoTurns.CpuTime.TotalMilliseconds:F1} ms");
        Assert.True(twoTurns.IsCompleted, twoTurns.Error?.Message);
    }

    [Fact]
    public async Task A_run_awaiting_a_long_timer_under_a_small_budget_completes()
    {
        await WarmUpAsync();
        var outcome = await Sandbox.RunAsync(Run("module.exports.f = () => new Promise(r => setTimeout(() => r('woke'), 300));", TimeSpan.FromMilliseconds(50)));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("woke", outcome.Result!.GetValue<string>());
    }

    [Fact]
    public async Task A_budget_above_the_maximum_is_capped()
    {
        await WarmUpAsync();
        var outcome = await Sandbox.RunAsync(Run("module.exports.f = () => { for (;;) {} };", TimeSpan.FromMinutes(10)));

        Assert.Equal(RunErrorKind.CpuLimit, outcome.Error?.Kind);
        Assert.Equal("'f' in index.js used more than its 500 ms CPU budget", outcome.Error!.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task A_non_positive_budget_is_an_invalid_request(int milliseconds)
    {
        var outcome = await Sandbox.RunAsync(Run("module.exports.f = () => 1;", TimeSpan.FromMilliseconds(milliseconds)));

        Assert.Equal(RunErrorKind.InvalidRequest, outcome.Error?.Kind);
        Assert.Contains("'cpuBudget' must be positive", outcome.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_batch_item_has_its_own_CPU_budget()
    {
        await WarmUpAsync();
        // 80 items of a fixed amount of work each (as above) under a 100 ms budget: each fits, together they do not.
        var items = "[" + string.Join(", ", Enumerable.Range(0, 80).Select(i => $"[{i}]")) + "]";
        var batch = await Sandbox.RunAsync(Batches.Batches.Of(
            "exports.f = (n) => { for (let i = 0; i < 15000; i++) {} return n; };",
            items,
            cpuBudget: TimeSpan.FromMilliseconds(100)));

        Assert.True(batch.Items!.All(i => i.IsCompleted), Batches.Batches.Summary(batch));
        output.WriteLine($"items' CPU: {string.Join(", ", batch.Items!.Select(i => i.CpuTime.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} ms");
        Assert.True(batch.CpuTime > TimeSpan.FromMilliseconds(100), batch.CpuTime.ToString());
    }

    [Fact]
    public async Task A_batch_item_over_its_CPU_budget_faults_alone()
    {
        await WarmUpAsync();
        var batch = await Sandbox.RunAsync(Batches.Batches.Of(
            "exports.f = (spin) => { if (spin) for (;;) {} return 'ok'; };",
            "[[false], [true], [false]]",
            cpuBudget: TimeSpan.FromMilliseconds(50)));

        Assert.Equal("\"ok\" | CpuLimit | \"ok\"", Batches.Batches.Summary(batch));
    }

    // The first runs in a process also spend the JIT compiling the sandbox's own code, and that is the run's CPU time
    // too (docs/runtime.md): each test first runs the paths it measures once without a budget.
    private async Task WarmUpAsync()
    {
        foreach (var warm in new[] { false, true })
        {
            var run = Run("module.exports.f = async (n) => { let i = 0; for (; i < 1000; i++) { try { i++; } finally { i--; } } await new Promise(r => setTimeout(r, 1)); return i; };", null, warm);
            Assert.True((await Sandbox.RunAsync(run)).IsCompleted);
        }

        var batch = await Sandbox.RunAsync(Batches.Batches.Of("exports.f = (n) => n;", "[[1], [2]]"));
        Assert.True(batch.IsCompleted);
    }

    private static RunOptions Run(string source, TimeSpan? cpuBudget = null, bool warm = false) => new()
    {
        Sources = new Dictionary<string, string> { ["index.js"] = source },
        File = "index.js",
        FuncName = "f",
        Timeout = _wall,
        CpuBudget = cpuBudget,
        Warm = warm ? true : null,
    };
}
