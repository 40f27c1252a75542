using System.Collections.Concurrent;
using IsolatedRuntime.Sandbox.Pool;
using static IsolatedRuntime.Sandbox.Tests.Pool.PoolTesting;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

public sealed class PoolQueueTests
{
    [Fact]
    public async Task Continuations_are_served_before_admissions_queued_earlier()
    {
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (1, 1));
        using var gate = new ManualResetEventSlim();
        var blocker = await pool.OccupyThread(gate);

        var order = new ConcurrentQueue<string>();
        FakeWork Named(string name) => new(() => order.Enqueue(name));
        var work = new[] { Named("admission 1"), Named("admission 2"), Named("continuation 1"), Named("continuation 2") };
        pool.Admit(work[0]);
        pool.Admit(work[1]);
        pool.Continue(work[2]);
        pool.Continue(work[3]);
        Assert.Equal(new(1, 0, 2, 0, 0, 2), pool.GetSnapshot());

        gate.Set();
        await Task.WhenAll(work.Select(w => w.Finished)).Soon();
        Assert.Equal(["continuation 1", "continuation 2", "admission 1", "admission 2"], order);
    }

    [Fact]
    public async Task Admit_on_a_full_queue_is_rejected_at_once_with_QueueFull()
    {
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads, o.MaxQueue) = (1, 1, 2));
        using var gate = new ManualResetEventSlim();
        var blocker = await pool.OccupyThread(gate);
        var queued = new[] { new FakeWork(), new FakeWork() };
        var refused = new FakeWork();

        pool.Admit(queued[0]);
        pool.Admit(queued[1]);
        pool.Admit(refused);

        Assert.True(refused.Rejected.IsCompleted, "The caller is answered before Admit returns.");
        Assert.Equal(PoolRejection.QueueFull, await refused.Rejected);
        gate.Set();
        await Task.WhenAll(queued.Select(w => w.Finished)).Soon();
        await Moment();
        Assert.Equal(1, refused.Outcomes);
        Assert.All(queued, w => Assert.Equal(1, w.Outcomes));
    }

    [Fact]
    public async Task Continuations_are_never_refused_while_the_pool_is_open_even_with_admissions_full()
    {
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads, o.MaxQueue) = (1, 1, 1));
        using var gate = new ManualResetEventSlim();
        var blocker = await pool.OccupyThread(gate);
        pool.Admit(new FakeWork());

        var continuations = Enumerable.Range(0, 100).Select(_ => new FakeWork()).ToArray();
        foreach (var work in continuations)
        {
            pool.Continue(work);
        }

        Assert.DoesNotContain(continuations, w => w.Rejected.IsCompleted);
        gate.Set();
        await Task.WhenAll(continuations.Select(w => w.Finished)).Soon();
    }

    [Fact]
    public async Task A_queued_admission_is_rejected_with_AcquireTimeout_though_no_thread_frees_up()
    {
        await using var pool = NewPool(o =>
            (o.MinThreads, o.MaxThreads, o.AcquireTimeout) = (1, 1, TimeSpan.FromMilliseconds(200)));
        using var gate = new ManualResetEventSlim();
        var blocker = await pool.OccupyThread(gate);
        var waiting = new FakeWork();

        pool.Admit(waiting);

        Assert.Equal(PoolRejection.AcquireTimeout, await waiting.Rejected.Soon());
        Assert.False(blocker.Finished.IsCompleted);
        Assert.Equal(new(1, 0, 0, 0), pool.GetSnapshot());
        gate.Set();
        await blocker.Finished.Soon();
        await Moment();
        Assert.Equal(1, waiting.Outcomes);
    }

    [Fact]
    public async Task Every_slice_gets_exactly_one_outcome_under_concurrent_load()
    {
        const int Producers = 4;
        const int PerProducer = 5_000;
        var pool = NewPool(o => (o.MinThreads, o.MaxThreads, o.MaxQueue, o.AcquireTimeout) =
            (1, 2, 256, TimeSpan.FromMilliseconds(20)));
        var work = Enumerable.Range(0, Producers * PerProducer).Select(_ => new FakeWork()).ToArray();

        await Task.WhenAll(Enumerable.Range(0, Producers).Select(p => Task.Run(() =>
        {
            for (var i = p * PerProducer; i < (p + 1) * PerProducer; i++)
            {
                if (i % 3 == 0)
                {
                    pool.Continue(work[i]);
                }
                else
                {
                    pool.Admit(work[i]);
                }
            }
        })));
        await pool.DisposeAsync().AsTask().Soon();

        Assert.All(work, w => Assert.Equal(1, w.Outcomes));
        Assert.All(work.Where((_, i) => i % 3 == 0), w => Assert.True(w.Finished.IsCompleted));
        Assert.Equal(new(0, 0, 0, 0), pool.GetSnapshot());
    }
}
