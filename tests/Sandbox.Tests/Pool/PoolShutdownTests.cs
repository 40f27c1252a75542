using IsolatedRuntime.Sandbox.Pool;
using static IsolatedRuntime.Sandbox.Tests.Pool.PoolTesting;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

public sealed class PoolShutdownTests
{
    [Fact]
    public async Task Dispose_rejects_queued_admissions_and_lets_running_slices_and_queued_continuations_finish()
    {
        var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (1, 1));
        using var gate = new ManualResetEventSlim();
        var running = await pool.OccupyThread(gate);
        var thread = await running.Started;
        var admission = new FakeWork();
        var continuation = new FakeWork();
        pool.Admit(admission);
        pool.Continue(continuation);

        var disposing = pool.DisposeAsync().AsTask();

        Assert.Equal(PoolRejection.ShuttingDown, await admission.Rejected.Soon());
        await Moment();
        Assert.False(disposing.IsCompleted, "Dispose waits for the slice that runs.");
        gate.Set();
        await disposing.Soon();
        Assert.True(running.Finished.IsCompleted);
        Assert.True(continuation.Finished.IsCompleted);
        Assert.True(thread.Join(Patience), "The pool's threads stop.");
        Assert.Equal(new(0, 0, 0, 0), pool.GetSnapshot());
    }

    [Theory]
    [InlineData("Admit")]
    [InlineData("Continue")]
    public async Task Work_handed_in_after_dispose_is_rejected_with_ShuttingDown(string how)
    {
        var pool = NewPool();
        await pool.DisposeAsync();
        var late = new FakeWork();

        Hand(pool, how, late);

        Assert.True(late.Rejected.IsCompleted);
        Assert.Equal(PoolRejection.ShuttingDown, await late.Rejected);
        Assert.Equal(1, late.Outcomes);
    }

    [Fact]
    public async Task Dispose_is_idempotent_and_concurrent_calls_all_wait_for_the_drain()
    {
        var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (1, 1));
        using var gate = new ManualResetEventSlim();
        var running = await pool.OccupyThread(gate);

        var first = pool.DisposeAsync().AsTask();
        var second = pool.DisposeAsync().AsTask();
        await Moment();
        Assert.False(second.IsCompleted, "A second dispose waits for the first to finish.");
        gate.Set();

        await Task.WhenAll(first, second).Soon();
        await pool.DisposeAsync().AsTask().Soon();
    }

    [Fact]
    public async Task Dispose_does_not_wait_for_a_thread_the_watchdog_retired()
    {
        var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (1, 1));
        using var gate = new ManualResetEventSlim();
        var stuck = FakeWork.Blocking(gate, TimeSpan.FromMilliseconds(50));
        pool.Admit(stuck);
        await stuck.Abandoned.Soon();

        await pool.DisposeAsync().AsTask().Soon();

        // The watchdog answers the abandoned run before it starts the retired thread's replacement, so a dispose right
        // after may stop the pool before the replacement starts; that thread then sees the pool stopped and exits.
        Assert.False(stuck.Finished.IsCompleted);
        await Eventually(() => pool.GetSnapshot() == new PoolSnapshot(0, 0, 0, 1, StuckThreads: 1), "only the retired thread is left");
        gate.Set();
        await stuck.Finished.Soon();
    }

    [Fact]
    public async Task CloseAdmissions_refuses_new_runs_but_keeps_continuing_admitted_ones()
    {
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (1, 1));
        using var gate = new ManualResetEventSlim();
        var running = await pool.OccupyThread(gate);
        var queued = new FakeWork();
        pool.Admit(queued);

        pool.CloseAdmissions();
        var refused = new FakeWork();
        var continuation = new FakeWork();
        pool.Admit(refused);
        pool.Continue(continuation);

        Assert.Equal(PoolRejection.ShuttingDown, await queued.Rejected.Soon());
        Assert.Equal(PoolRejection.ShuttingDown, await refused.Rejected.Soon());
        gate.Set();
        await continuation.Finished.Soon();
    }

    private static void Hand(SandboxThreadPool pool, string how, FakeWork work)
    {
        if (how == "Admit")
        {
            pool.Admit(work);
        }
        else
        {
            pool.Continue(work);
        }
    }
}
