namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>
/// Counts the runs a sandbox has admitted and not yet finished, so that shutdown can stop new runs at once and
/// wait for the ones in flight (including those waiting on timers) to end.
/// </summary>
internal sealed class ActiveRuns
{
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;
    private volatile bool _closed;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts a new run in; false once <see cref="CloseAsync"/> was called.</summary>
    public bool TryEnter()
    {
        Interlocked.Increment(ref _count);
        if (!_closed)
        {
            return true;
        }

        Exit();
        return false;
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == 0 && _closed)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>Refuses new runs; the task completes when the last run in flight exits.</summary>
    public Task CloseAsync()
    {
        _closed = true;
        if (Volatile.Read(ref _count) == 0)
        {
            _drained.TrySetResult();
        }

        return _drained.Task;
    }
}
