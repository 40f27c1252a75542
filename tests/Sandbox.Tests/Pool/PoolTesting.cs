using IsolatedRuntime.Sandbox.Pool;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

/// <summary>Builds pools for tests, and waits with bounds generous enough for a loaded machine.</summary>
internal static class PoolTesting
{
    /// <summary>How long a test waits for something that should happen at once.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static SandboxThreadPool NewPool(Action<PoolOptions>? configure = null, RecordingLogger? logger = null)
    {
        var options = new PoolOptions
        {
            MinThreads = 1,
            MaxThreads = 2,
            ThreadStackSizeBytes = 1024 * 1024,
            WatchdogGrace = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return new SandboxThreadPool(options, logger ?? new RecordingLogger());
    }

    /// <summary>Admits a slice that holds a thread until <paramref name="gate"/> opens, and waits until it holds it.</summary>
    public static async Task<FakeWork> OccupyThread(
        this SandboxThreadPool pool, ManualResetEventSlim gate, TimeSpan? deadlineIn = null)
    {
        var blocker = FakeWork.Blocking(gate, deadlineIn);
        pool.Admit(blocker);
        await blocker.Started.Soon();
        return blocker;
    }

    /// <summary>Waits for <paramref name="task"/>, failing the test if it takes longer than <see cref="Patience"/>.</summary>
    public static Task<T> Soon<T>(this Task<T> task) => task.WaitAsync(Patience);

    /// <inheritdoc cref="Soon{T}(Task{T})"/>
    public static Task Soon(this Task task) => task.WaitAsync(Patience);

    /// <summary>Polls until <paramref name="condition"/> holds, failing the test after <see cref="Patience"/>.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, $"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Gives the pool a moment to do something it must not do; used only to prove a negative.</summary>
    public static Task Moment() => Task.Delay(TimeSpan.FromMilliseconds(300));
}
