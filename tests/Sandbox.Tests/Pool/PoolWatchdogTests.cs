using Microsoft.Extensions.Logging;
using static IsolatedRuntime.Sandbox.Tests.Pool.PoolTesting;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

public sealed class PoolWatchdogTests
{
    private static readonly TimeSpan _budget = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_slice_stuck_past_deadline_and_grace_is_abandoned_and_a_replacement_serves_at_once()
    {
        var logger = new RecordingLogger();
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (1, 1), logger);
        using var gate = new ManualResetEventSlim();
        var stuck = FakeWork.Blocking(gate, _budget);
        pool.Admit(stuck);
        var stuckThread = await stuck.Started.Soon();

        await stuck.Abandoned.Soon();
        Assert.Equal(new(0, 1, 0, 1, StuckThreads: 1), pool.GetSnapshot());
        var next = new FakeWork();
        pool.Admit(next);
        Assert.NotSame(stuckThread, await next.Started.Soon());
        await next.Finished.Soon();

        var retirement = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(stuckThread.Name, retirement.Properties["ThreadName"]);
        Assert.Equal(1, retirement.Properties["RetiredThreads"]);

        gate.Set();
        Assert.True(stuckThread.Join(Patience), "The retired thread exits once its slice returns.");
        Assert.Equal(new(0, 1, 0, 1, StuckThreads: 0), pool.GetSnapshot());
        var later = new FakeWork();
        pool.Admit(later);
        Assert.NotSame(stuckThread, await later.Started.Soon());
    }

    [Fact]
    public async Task A_deadline_the_slice_sets_once_it_runs_is_watched()
    {
        await using var pool = NewPool();
        using var gate = new ManualResetEventSlim();
        FakeWork? stuck = null;
        stuck = new FakeWork(() =>
        {
            stuck!.DeadlineTimestamp = FakeWork.DeadlineIn(_budget);
            gate.Wait();
        });

        pool.Admit(stuck);

        await stuck.Abandoned.Soon();
        Assert.Equal(1, pool.GetSnapshot().RetiredThreads);
        gate.Set();
    }

    [Fact]
    public async Task A_slice_that_returns_within_its_deadline_is_not_abandoned()
    {
        await using var pool = NewPool();
        var quick = new FakeWork(() => Thread.Sleep(50), TimeSpan.FromSeconds(5));

        pool.Admit(quick);
        await quick.Finished.Soon();
        await Moment();

        Assert.False(quick.Abandoned.IsCompleted);
        Assert.Equal(0, pool.GetSnapshot().RetiredThreads);
    }

    [Fact]
    public async Task A_slice_without_a_deadline_is_never_abandoned()
    {
        await using var pool = NewPool();
        using var gate = new ManualResetEventSlim();
        var patient = await pool.OccupyThread(gate);
        await Moment();
        await Moment();

        Assert.False(patient.Abandoned.IsCompleted);
        Assert.Equal(0, pool.GetSnapshot().RetiredThreads);
        gate.Set();
        await patient.Finished.Soon();
    }

    [Fact]
    public async Task A_slice_that_starts_after_its_deadline_still_gets_the_grace_to_return()
    {
        await using var pool = NewPool(o => o.WatchdogGrace = TimeSpan.FromSeconds(2));
        var late = new FakeWork(() => Thread.Sleep(200), TimeSpan.FromSeconds(-10));

        pool.Continue(late);
        await late.Finished.Soon();
        await Moment();

        Assert.False(late.Abandoned.IsCompleted);
        Assert.Equal(0, pool.GetSnapshot().RetiredThreads);
    }
}
