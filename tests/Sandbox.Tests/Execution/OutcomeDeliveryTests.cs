namespace IsolatedRuntime.Sandbox.Tests.Execution;

/// <summary>
/// How finished runs reach their callers: in batches on the .NET thread pool, never on a sandbox thread, and never
/// held up for long by a caller whose continuation blocks.
/// </summary>
public sealed class OutcomeDeliveryTests
{
    [Fact]
    public async Task Caller_continuations_never_run_on_a_sandbox_thread()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = { MinThreads = 2, MaxThreads = 2, MaxQueue = 1000 } });

        // ExecuteSynchronously: each continuation runs on whichever thread completes the run's task.
        var threads = Enumerable.Range(0, 200)
            .Select(i => sandbox.RunAsync(Runs.Inline("module.exports.f = (i) => i;", argsJson: $"[{i}]"))
                .ContinueWith(_ => Thread.CurrentThread.Name ?? "", TaskContinuationOptions.ExecuteSynchronously))
            .ToList();
        var names = await Task.WhenAll(threads);

        Assert.DoesNotContain(names, name => name.StartsWith("sandbox-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Caller_continuation_that_blocks_does_not_hold_up_the_next_outcome()
    {
        // One thread: the first run finishes while the second waits, so both outcomes go out in one delivery.
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 1 } });
        using var secondDelivered = new ManualResetEventSlim();
        var first = sandbox.RunAsync(Runs.Inline("module.exports.f = () => 1;"));
        var second = sandbox.RunAsync(Runs.Inline("module.exports.f = () => 2;"));
        _ = second.ContinueWith(_ => secondDelivered.Set(), TaskContinuationOptions.ExecuteSynchronously);

        // The first caller blocks its continuation until the second outcome has arrived.
        var firstWaited = first.ContinueWith(_ => secondDelivered.Wait(TimeSpan.FromSeconds(10)), TaskContinuationOptions.ExecuteSynchronously);

        Assert.True(await firstWaited);
        Assert.Equal(2, (await second).Result!.GetValue<int>());
    }

    [Fact]
    public async Task Continuation_that_waits_for_shutdown_synchronously_does_not_deadlock()
    {
        var sandbox = new JsSandbox();

        var shutDown = sandbox.RunAsync(Runs.Inline("module.exports.f = () => 1;"))
            .ContinueWith(_ => sandbox.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10)), TaskContinuationOptions.ExecuteSynchronously);

        Assert.True(await shutDown);
    }
}
