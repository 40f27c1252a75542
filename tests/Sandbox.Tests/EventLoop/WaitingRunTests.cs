using System.Diagnostics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.EventLoop;

/// <summary>A run waiting on a timer or promise holds no pool thread; timers and microtasks run in Node's order.</summary>
public sealed class WaitingRunTests
{
    [Fact]
    public async Task Thousand_runs_awaiting_a_one_second_timer_share_two_threads()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = { MinThreads = 2, MaxThreads = 2, MaxQueue = 2000 } });
        var run = Runs.Inline("module.exports.f = (i) => new Promise(r => setTimeout(() => r(i), 1000));");

        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => sandbox.RunAsync(new RunOptions
        {
            Sources = run.Sources,
            File = run.File,
            FuncName = run.FuncName,
            Args = System.Text.Json.Nodes.JsonNode.Parse($"[{i}]"),
        })));

        Assert.All(outcomes, o => Assert.True(o.IsCompleted, o.Error?.Message));
        Assert.Equal(Enumerable.Range(0, 1000), outcomes.Select(o => (int)o.Result!.GetValue<long>()));

        // Were a waiting run to hold its thread, 1000 one-second waits on two threads would take 500 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Busy_loop_times_out_and_the_only_thread_serves_the_next_run()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 1 } });

        var clock = Stopwatch.StartNew();
        var looping = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => { while (true) {} };", timeout: TimeSpan.FromMilliseconds(100)));
        var faultedAfter = clock.Elapsed;
        var next = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => 'next';"));

        Assert.Equal(RunErrorKind.Timeout, looping.Error!.Kind);
        Assert.InRange(faultedAfter, TimeSpan.FromMilliseconds(90), TimeSpan.FromSeconds(3));
        Assert.Equal("next", next.Result!.GetValue<string>());
    }

    [Fact]
    public async Task Timers_and_microtasks_run_in_node_order()
    {
        await using var sandbox = new JsSandbox();
        var outcome = await sandbox.RunAsync(Runs.Inline("""
            module.exports.f = () => new Promise(resolve => {
              const order = [];
              let pending = 2;
              const done = (what) => { order.push(what); if (--pending === 0) resolve(order); };
              setTimeout(() => done('timeout 20'), 20);
              setTimeout(() => { order.push('timeout 0'); Promise.resolve().then(() => order.push('micro after timeout 0')); }, 0);
              setImmediate(() => order.push('immediate'));
              queueMicrotask(() => order.push('microtask'));
              Promise.resolve().then(() => order.push('then'));
              const cleared = setTimeout(() => order.push('cleared'), 5);
              clearTimeout(cleared);
              let ticks = 0;
              const interval = setInterval(() => { if (++ticks === 3) { clearInterval(interval); done('interval x3'); } }, 1);
              order.push('sync');
            });
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        var order = outcome.Result!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        Assert.Equal(["sync", "microtask", "then"], order[..3]);
        Assert.Contains("interval x3", order);
        Assert.Contains("timeout 20", order);
        Assert.True(Array.IndexOf(order, "timeout 0") + 1 == Array.IndexOf(order, "micro after timeout 0"));
        Assert.DoesNotContain("cleared", order);
    }

    [Fact]
    public async Task Timer_arguments_are_passed_to_the_callback()
    {
        await using var sandbox = new JsSandbox();
        var outcome = await sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => new Promise(r => setTimeout((a, b) => r(a + b), 1, 40, 2));"));

        Assert.Equal(42, outcome.Result!.GetValue<long>());
    }

    [Fact]
    public async Task Thenable_results_are_adopted_like_await_does()
    {
        await using var sandbox = new JsSandbox();
        var outcome = await sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => ({ then(ok) { setTimeout(() => ok('adopted'), 1); } });"));

        Assert.Equal("adopted", outcome.Result!.GetValue<string>());
    }

    [Fact]
    public async Task Overwritten_promise_methods_do_not_confuse_the_sandbox()
    {
        await using var sandbox = new JsSandbox();
        var outcome = await sandbox.RunAsync(Runs.Inline(
            "module.exports.f = async () => { Promise.prototype.then = () => { throw new Error('hijacked'); }; Promise.resolve = null; return 'kept'; };"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("kept", outcome.Result!.GetValue<string>());
    }

    [Fact]
    public async Task Pending_timers_after_the_result_settles_are_dropped()
    {
        await using var sandbox = new JsSandbox();
        var clock = Stopwatch.StartNew();
        var outcome = await sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { setTimeout(() => console.log('never'), 3000); return 'now'; };"));

        Assert.Equal("now", outcome.Result!.GetValue<string>());
        Assert.Empty(outcome.Logs);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }
}
