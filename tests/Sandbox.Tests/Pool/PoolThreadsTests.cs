using System.Runtime.CompilerServices;
using static IsolatedRuntime.Sandbox.Tests.Pool.PoolTesting;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

public sealed class PoolThreadsTests
{
    private const int _mb = 1024 * 1024;
    private const int _probeFrameBytes = 16 * 1024;

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(32)]
    public async Task Work_runs_on_named_background_threads_with_the_configured_stack(int stackMegabytes)
    {
        await using var pool = NewPool(o => o.ThreadStackSizeBytes = stackMegabytes * _mb);
        var usableBytes = 0L;
        var work = new FakeWork(() => usableBytes = UsableStackBytes());

        pool.Admit(work);
        var thread = await work.Started.Soon();
        await work.Finished.Soon();

        Assert.StartsWith("sandbox-", thread.Name, StringComparison.Ordinal);
        Assert.True(thread.IsBackground);
        Assert.False(thread.IsThreadPoolThread);
        // At least what was configured. glibc may reuse a cached stack of an exited thread for a new one when it is
        // at least the requested size and at most four times it, so a process that already ran bigger threads can
        // hand out more; the 32 MB case, above the 16 MB default, still proves the setting is honoured.
        Assert.InRange(usableBytes, stackMegabytes * _mb * 3L / 4, stackMegabytes * 4L * _mb);
    }

    [Fact]
    public async Task MinThreads_are_started_with_the_pool_and_serve_without_growing_it()
    {
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (3, 6));
        Assert.Equal(new(0, 3, 0, 0), pool.GetSnapshot());

        using var gate = new ManualResetEventSlim();
        var blocked = Enumerable.Range(0, 3).Select(_ => FakeWork.Blocking(gate)).ToArray();
        foreach (var work in blocked)
        {
            pool.Admit(work);
        }

        await Task.WhenAll(blocked.Select(w => w.Started)).Soon();
        Assert.Equal(new(3, 0, 0, 0), pool.GetSnapshot());
        gate.Set();
    }

    [Fact]
    public async Task Threads_grow_on_demand_up_to_MaxThreads_and_never_beyond()
    {
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (0, 3));
        Assert.Equal(new(0, 0, 0, 0), pool.GetSnapshot());
        using var gate = new ManualResetEventSlim();
        var running = 0;
        var mostAtOnce = 0;
        var work = Enumerable.Range(0, 6).Select(_ => new FakeWork(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            gate.Wait();
            Interlocked.Decrement(ref running);
        })).ToArray();

        foreach (var item in work)
        {
            pool.Admit(item);
        }

        await Eventually(() => Volatile.Read(ref running) == 3, "three slices run");
        await Moment();
        Assert.Equal(3, work.Count(w => w.Started.IsCompleted));
        Assert.Equal(new(3, 0, 3, 0), pool.GetSnapshot());

        gate.Set();
        await Task.WhenAll(work.Select(w => w.Finished)).Soon();
        Assert.Equal(3, mostAtOnce);
    }

    [Fact]
    public async Task Threads_above_MinThreads_exit_after_IdleTimeout_and_the_minimum_stays()
    {
        await using var pool = NewPool(o =>
            (o.MinThreads, o.MaxThreads, o.IdleTimeout) = (1, 3, TimeSpan.FromMilliseconds(200)));
        using var gate = new ManualResetEventSlim();
        var work = Enumerable.Range(0, 3).Select(_ => FakeWork.Blocking(gate)).ToArray();
        foreach (var item in work)
        {
            pool.Admit(item);
        }

        var threads = await Task.WhenAll(work.Select(w => w.Started)).Soon();
        Assert.Equal(3, threads.Distinct().Count());
        gate.Set();

        await Eventually(() => threads.Count(t => t.IsAlive) == 1, "the two extra threads exit");
        await Moment();
        Assert.Equal(new(0, 1, 0, 0), pool.GetSnapshot());
        Assert.Single(threads, t => t.IsAlive);

        var next = new FakeWork();
        pool.Admit(next);
        await next.Finished.Soon();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>Stack the calling thread can still use: frames of a known size until the runtime says it is nearly out.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long UsableStackBytes()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return 0;
        }

        Span<byte> frame = stackalloc byte[_probeFrameBytes];
        frame[^1] = 1;
        return _probeFrameBytes + UsableStackBytes() + frame[^1] - 1;
    }
}
