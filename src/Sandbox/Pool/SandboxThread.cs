using System.Diagnostics;
using IsolatedRuntime.Sandbox.Limits;

namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>
/// One dedicated pool thread. It takes slices from its pool until it is told to exit, idles out, or is retired by the
/// watchdog — after which it finishes the slice it is stuck in (if that ever returns) and exits without taking more.
/// </summary>
internal sealed class SandboxThread
{
    private const long _betweenSlices = 0;
    private const long _retiredMark = -1;

    private readonly SandboxThreadPool _pool;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ISandboxWork? _work;
    private long _startedAt;
    private long _sliceNumber;
    private int _nativeId;

    // Touched only by the watchdog, one tick at a time.
    private long _unreadableDeadlineSlice;

    // The number of the slice executing, _betweenSlices, or _retiredMark. The watchdog claims a stuck slice by
    // swapping its number for _retiredMark; the thread finishes a slice by swapping it for _betweenSlices. Whoever
    // swaps first wins, so a slice that returns just as the watchdog gives up is finished or abandoned, never both.
    private long _running;

    public SandboxThread(SandboxThreadPool pool, string name, int stackSizeBytes)
    {
        _pool = pool;
        Name = name;
        _thread = new Thread(Run, stackSizeBytes) { IsBackground = true, Name = name };
    }

    public string Name { get; }

    /// <summary>Completes when the thread no longer serves the pool: it exited, or the watchdog retired it.</summary>
    public Task Released => _released.Task;

    /// <summary>Starts the thread without flowing the caller's execution context (its async locals, log scopes).</summary>
    public void Start() => _thread.UnsafeStart();

    /// <summary>
    /// Claims the slice this thread executes if, at <paramref name="now"/>, it has stayed past its deadline plus the
    /// grace period. On success the thread is retired and the slice is the caller's to abandon.
    /// </summary>
    public bool TryRetire(long now, out ISandboxWork work, out long overrunTicks)
    {
        work = null!;
        overrunTicks = 0;
        var slice = Volatile.Read(ref _running);
        if (slice <= _betweenSlices)
        {
            return false;
        }

        // Read after _running: these belong to that slice, or to a later one — and then the swap below fails.
        var current = Volatile.Read(ref _work);
        var startedAt = Volatile.Read(ref _startedAt);
        if (current is null || ReadDeadline(current, slice) is not { } deadline)
        {
            return false;
        }

        // The later of deadline and start: a slice that starts already late still gets the grace to return.
        var stuckAfter = PoolSettings.SaturatingAdd(Math.Max(deadline, startedAt), _pool.WatchdogGraceTicks);
        if (now < stuckAfter || Interlocked.CompareExchange(ref _running, _retiredMark, slice) != slice)
        {
            return false;
        }

        work = current;
        overrunTicks = now - stuckAfter;
        RetiredThreadPriority.Lower(_thread, Volatile.Read(ref _nativeId));
        _released.TrySetResult();
        return true;
    }

    private void Run()
    {
        Volatile.Write(ref _nativeId, RetiredThreadPriority.CurrentNativeId());
        while (true)
        {
            if (_pool.TryTakeWork(out var work))
            {
                if (!Serve(work))
                {
                    _pool.OnRetiredThreadReturned(this);
                    return;
                }
            }
            else
            {
                // Waiting (and spinning) for work is charged to no run: the next turn reads the CPU clock afresh.
                ThreadCpuClock.Forget();
                if (!_pool.WaitForWork())
                {
                    _pool.OnThreadExited(this);
                    _released.TrySetResult();
                    return;
                }
            }
        }
    }

    /// <summary>Executes one slice; false when the watchdog retired this thread while it ran.</summary>
    private bool Serve(ISandboxWork work)
    {
        var slice = ++_sliceNumber;
        Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());
        Volatile.Write(ref _work, work);

        // Counted busy before the watchdog can see it, so that retiring it never uncounts a slice not yet counted.
        _pool.OnSliceStarting();
        Volatile.Write(ref _running, slice);
        try
        {
            work.Execute();
        }
        catch (Exception ex)
        {
            PoolLog.SliceThrew(_pool.Logger, Name, ex);
        }

        if (Interlocked.CompareExchange(ref _running, _betweenSlices, slice) != slice)
        {
            return false;
        }

        Volatile.Write(ref _work, null);
        _pool.OnSliceFinished();
        return true;
    }

    /// <summary>
    /// The slice's deadline, read on every tick: a slice may set it only once it starts (a run's clock starts when
    /// its user code does). A getter that throws counts as no deadline, and is logged once per slice.
    /// </summary>
    private long? ReadDeadline(ISandboxWork work, long slice)
    {
        try
        {
            return work.DeadlineTimestamp;
        }
        catch (Exception ex)
        {
            if (_unreadableDeadlineSlice != slice)
            {
                _unreadableDeadlineSlice = slice;
                PoolLog.CallbackThrew(_pool.Logger, nameof(ISandboxWork.DeadlineTimestamp), Name, ex);
            }

            return null;
        }
    }
}
