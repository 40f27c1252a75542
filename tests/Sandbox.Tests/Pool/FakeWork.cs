using System.Diagnostics;
using IsolatedRuntime.Sandbox.Pool;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

/// <summary>
/// A slice of work for pool tests: runs an optional body, and records on which thread it ran and which of the pool's
/// callbacks it got, so that a test can await each one.
/// </summary>
internal sealed class FakeWork : ISandboxWork
{
    private readonly Action? _body;
    private readonly TaskCompletionSource<Thread> _started = NewSource<Thread>();
    private readonly TaskCompletionSource _finished = NewSource();
    private readonly TaskCompletionSource<PoolRejection> _rejected = NewSource<PoolRejection>();
    private readonly TaskCompletionSource _abandoned = NewSource();
    private int _outcomes;

    public FakeWork(Action? body = null, TimeSpan? deadlineIn = null)
    {
        _body = body;
        DeadlineTimestamp = deadlineIn is { } budget ? DeadlineIn(budget) : null;
    }

    /// <summary>Settable while the slice runs, as the sandbox does when user code starts.</summary>
    public long? DeadlineTimestamp { get; set; }

    /// <summary>The thread it runs on, once <see cref="Execute"/> begins.</summary>
    public Task<Thread> Started => _started.Task;

    /// <summary>Completes when <see cref="Execute"/> returns.</summary>
    public Task Finished => _finished.Task;

    public Task<PoolRejection> Rejected => _rejected.Task;

    public Task Abandoned => _abandoned.Task;

    /// <summary>How many of Execute and OnRejected it got: the pool promises exactly one.</summary>
    public int Outcomes => Volatile.Read(ref _outcomes);

    /// <summary>A slice that blocks its thread until <paramref name="gate"/> opens.</summary>
    public static FakeWork Blocking(ManualResetEventSlim gate, TimeSpan? deadlineIn = null) =>
        new(() => gate.Wait(), deadlineIn);

    /// <summary>A <see cref="DeadlineTimestamp"/> <paramref name="budget"/> from now.</summary>
    public static long DeadlineIn(TimeSpan budget) =>
        Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);

    public void Execute()
    {
        Interlocked.Increment(ref _outcomes);
        _started.TrySetResult(Thread.CurrentThread);
        try
        {
            _body?.Invoke();
        }
        finally
        {
            _finished.TrySetResult();
        }
    }

    public void OnAbandoned() => _abandoned.TrySetResult();

    public void OnRejected(PoolRejection reason)
    {
        Interlocked.Increment(ref _outcomes);
        _rejected.TrySetResult(reason);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
