using System.Diagnostics;
using IsolatedRuntime.Sandbox.Pool;
using Microsoft.Extensions.Logging;
using static IsolatedRuntime.Sandbox.Tests.Pool.PoolTesting;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

public sealed class PoolFaultTests
{
    [Fact]
    public async Task A_slice_that_throws_is_logged_and_its_thread_keeps_serving()
    {
        var logger = new RecordingLogger();
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads) = (1, 1), logger);
        var throwing = new FakeWork(() => throw new InvalidOperationException("slice bug"));
        var next = new FakeWork();

        pool.Admit(throwing);
        pool.Admit(next);

        var thread = await throwing.Started.Soon();
        Assert.Same(thread, await next.Started.Soon());
        await next.Finished.Soon();
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal("slice bug", error.Exception?.Message);
        Assert.Equal(thread.Name, error.Properties["ThreadName"]);
    }

    [Theory]
    [InlineData(nameof(ISandboxWork.OnRejected))]
    [InlineData(nameof(ISandboxWork.OnAbandoned))]
    [InlineData(nameof(ISandboxWork.DeadlineTimestamp))]
    public async Task A_throwing_callback_is_logged_and_never_reaches_the_caller_or_kills_a_thread(string callback)
    {
        var logger = new RecordingLogger();
        await using var pool = NewPool(o => (o.MinThreads, o.MaxThreads, o.MaxQueue) = (1, 1, 0), logger);
        using var gate = new ManualResetEventSlim();
        var faulty = new ThrowingWork(callback, gate);

        pool.Admit(faulty);
        pool.Admit(faulty);
        await Eventually(() => logger.Entries.Any(e => Equals(e.Properties.GetValueOrDefault("Callback"), callback)),
            $"the throwing {callback} is logged");
        gate.Set();

        var next = new FakeWork();
        pool.Continue(next);
        await next.Finished.Soon();
    }

    /// <summary>Blocks on a gate with a short deadline, and throws from the one callback it is told to.</summary>
    private sealed class ThrowingWork(string throwingCallback, ManualResetEventSlim gate) : ISandboxWork
    {
        private readonly long _deadline = Stopwatch.GetTimestamp();

        public long? DeadlineTimestamp =>
            throwingCallback == nameof(DeadlineTimestamp) ? throw new InvalidOperationException("deadline bug") : _deadline;

        public void Execute() => gate.Wait();

        public void OnAbandoned() => Throw(nameof(OnAbandoned));

        public void OnRejected(PoolRejection reason) => Throw(nameof(OnRejected));

        private void Throw(string callback)
        {
            if (callback == throwingCallback)
            {
                throw new InvalidOperationException($"{callback} bug");
            }
        }
    }
}
