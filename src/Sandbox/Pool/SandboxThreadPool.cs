using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>
/// Dedicated threads that execute <see cref="ISandboxWork"/>. New runs wait in a bounded admission queue;
/// continuations of runs already admitted go first and are never refused while the pool is open. A watchdog
/// retires threads stuck past a slice's deadline and starts replacements.
/// </summary>
/// <remarks>
/// Every slice handed to the pool gets exactly one of <see cref="ISandboxWork.Execute"/> and
/// <see cref="ISandboxWork.OnRejected"/>; none of the pool's methods block the caller. The handoff allocates
/// nothing: the queues hold the caller's work objects, and idle threads sleep on one shared semaphore.
/// </remarks>
internal sealed class SandboxThreadPool : IAsyncDisposable
{
    private static readonly TimeSpan _drainPollInterval = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan _stopRetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly PoolSettings _settings;
    private readonly ConcurrentQueue<ISandboxWork> _continuations = new();
    private readonly AdmissionQueue _admissions;
    private readonly SemaphoreSlim _wakeUp = new(0);
    private readonly PoolWatchdog _watchdog;
    private readonly Lock _threadsGate = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SandboxThread[] _threads = [];
    private int _phase;
    private int _disposeStarted;
    private int _nextThreadNumber;

    // Threads serving the pool (starting, idle or busy; not retired).
    private int _threadCount;
    private int _busyCount;

    // Idle threads registered to be woken and not yet claimed by a waker. A waker claims one (decrements) before it
    // releases the semaphore, so two wakers never count on the same sleeper.
    private int _waiterCount;
    private int _retiredCount;
    private int _stuckCount;

    /// <summary>Starts <see cref="PoolOptions.MinThreads"/> threads.</summary>
    /// <exception cref="ArgumentException">A pool setting is out of range.</exception>
    public SandboxThreadPool(PoolOptions options, ILogger logger)
    {
        _settings = PoolSettings.From(options);
        Logger = logger;
        _admissions = new AdmissionQueue(_settings.AcquireTimeoutTicks);
        _watchdog = new PoolWatchdog(this);
        for (var i = 0; i < _settings.MinThreads && TryReserveThread(); i++)
        {
            StartThread();
        }
    }

    internal ILogger Logger { get; }

    internal long WatchdogGraceTicks => _settings.WatchdogGraceTicks;

    /// <summary>True while a slice executes or an admission waits: what the watchdog's timer ticks for.</summary>
    internal bool HasAnythingToWatch => Volatile.Read(ref _busyCount) > 0 || _admissions.Count > 0;

    private PoolPhase Phase => (PoolPhase)Volatile.Read(ref _phase);

    /// <summary>
    /// Queues the first slice of a new run. Rejects it at once with <see cref="PoolRejection.QueueFull"/> when
    /// <see cref="PoolOptions.MaxQueue"/> runs already wait for a thread (runs a thread can take at once do not count), or
    /// with <see cref="PoolRejection.ShuttingDown"/> once admissions are closed; later with
    /// <see cref="PoolRejection.AcquireTimeout"/> when no thread took it within <see cref="PoolOptions.AcquireTimeout"/>.
    /// </summary>
    public void Admit(ISandboxWork work)
    {
        if (Phase != PoolPhase.Open)
        {
            Reject(work, PoolRejection.ShuttingDown);
            return;
        }

        if (!_admissions.TryEnqueue(work, AdmissionLimit()))
        {
            Reject(work, PoolRejection.QueueFull);
            return;
        }

        Interlocked.MemoryBarrier();
        if (Phase != PoolPhase.Open)
        {
            // Admissions closed while this one went in: it may have missed the sweep that closing made.
            RejectQueuedAdmissions();
            return;
        }

        _watchdog.EnsureArmed();
        WakeOrStartThread();
    }

    /// <summary>
    /// Queues a later slice of a run already admitted, ahead of every new run. Never refused while the pool is open;
    /// rejected with <see cref="PoolRejection.ShuttingDown"/> once disposing has begun.
    /// </summary>
    public void Continue(ISandboxWork work)
    {
        if (Phase >= PoolPhase.Draining)
        {
            Reject(work, PoolRejection.ShuttingDown);
            return;
        }

        _continuations.Enqueue(work);
        Interlocked.MemoryBarrier();
        if (Phase == PoolPhase.Stopped)
        {
            // The threads are gone or going: nobody else will look at the queue again.
            RejectQueuedContinuations();
            return;
        }

        WakeOrStartThread();
    }

    /// <summary>
    /// Refuses new runs from now on and rejects those waiting with <see cref="PoolRejection.ShuttingDown"/>, while
    /// runs already admitted keep getting their continuations: the first step of a graceful shutdown, before waiting
    /// for those runs and disposing.
    /// </summary>
    public void CloseAdmissions()
    {
        AdvancePhase(PoolPhase.AdmissionsClosed);
        RejectQueuedAdmissions();
    }

    /// <summary>Counts for health and metrics; a few volatile reads.</summary>
    public PoolSnapshot GetSnapshot()
    {
        var busy = Volatile.Read(ref _busyCount);
        var threads = Volatile.Read(ref _threadCount);
        return new PoolSnapshot(
            busy,
            Math.Max(0, threads - busy),
            _admissions.Count,
            Volatile.Read(ref _retiredCount),
            Volatile.Read(ref _stuckCount),
            _continuations.Count);
    }

    /// <summary>
    /// Stops admitting (later <see cref="Admit"/> and <see cref="Continue"/> calls are rejected with
    /// <see cref="PoolRejection.ShuttingDown"/>), rejects queued admissions, lets executing slices and queued
    /// continuations finish, then stops the threads. Does not wait for threads the watchdog retired. Idempotent.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
        {
            await _stopped.Task;
            return;
        }

        try
        {
            AdvancePhase(PoolPhase.Draining);
            RejectQueuedAdmissions();
            while (Volatile.Read(ref _busyCount) > 0 || !_continuations.IsEmpty)
            {
                await Task.Delay(_drainPollInterval);
            }

            AdvancePhase(PoolPhase.Stopped);
            RejectQueuedContinuations();
            await StopThreadsAsync();
            _watchdog.Dispose();
            var snapshot = GetSnapshot();
            PoolLog.PoolStopped(Logger, snapshot.RetiredThreads, snapshot.StuckThreads);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    /// <summary>A pool thread asks for its next slice: continuations first, then admissions still fresh.</summary>
    internal bool TryTakeWork(out ISandboxWork work)
    {
        if (Phase == PoolPhase.Stopped)
        {
            work = null!;
            return false;
        }

        if (_continuations.TryDequeue(out work!))
        {
            return true;
        }

        while (_admissions.TryTake(out work, out var stale))
        {
            if (!stale)
            {
                return true;
            }

            Reject(work, PoolRejection.AcquireTimeout);
        }

        return false;
    }

    /// <summary>
    /// A pool thread found no work: sleeps until woken or idle too long. False when the thread must exit; its count
    /// is then already given back.
    /// </summary>
    internal bool WaitForWork()
    {
        Interlocked.Increment(ref _waiterCount);
        if (HasQueuedWork || Phase == PoolPhase.Stopped)
        {
            StopWaiting();
            return !TryExitWhenStopped();
        }

        while (true)
        {
            if (_wakeUp.Wait(_settings.IdleTimeout))
            {
                return !TryExitWhenStopped();
            }

            if (!TryLeaveWaiters())
            {
                // A waker claimed this thread just as it timed out; its signal is on the way.
                continue;
            }

            if (TryExitWhenStopped() || TryExitIdle())
            {
                return false;
            }

            Interlocked.Increment(ref _waiterCount);
            if (HasQueuedWork)
            {
                StopWaiting();
                return true;
            }
        }
    }

    internal void OnSliceStarting()
    {
        // Every executing slice is watched: its deadline may appear only once it runs.
        Interlocked.Increment(ref _busyCount);
        _watchdog.EnsureArmed();
    }

    internal void OnSliceFinished() => Interlocked.Decrement(ref _busyCount);

    internal void OnThreadExited(SandboxThread thread)
    {
        RemoveThread(thread);
        PoolLog.ThreadExited(Logger, thread.Name);
    }

    internal void OnRetiredThreadReturned(SandboxThread thread)
    {
        var stuck = Interlocked.Decrement(ref _stuckCount);
        PoolLog.RetiredThreadReturned(Logger, thread.Name, stuck);
    }

    /// <summary>One watchdog tick: retire stuck threads, reject admissions that waited too long.</summary>
    internal void Inspect(long now)
    {
        foreach (var thread in Volatile.Read(ref _threads))
        {
            if (thread.TryRetire(now, out var work, out var overrunTicks))
            {
                Retire(thread, work, overrunTicks);
            }
        }

        while (_admissions.TryTakeStale(now, out var stale))
        {
            Reject(stale, PoolRejection.AcquireTimeout);
        }

        if (_admissions.Count > 0)
        {
            // The sweep may have parked a fresh admission where a thread that just looked did not see it.
            Interlocked.MemoryBarrier();
            WakeOrStartThread();
        }
    }

    private void Retire(SandboxThread thread, ISandboxWork work, long overrunTicks)
    {
        Interlocked.Decrement(ref _busyCount);
        Interlocked.Decrement(ref _threadCount);
        var retired = Interlocked.Increment(ref _retiredCount);
        var stuck = Interlocked.Increment(ref _stuckCount);
        RemoveThread(thread);
        var overrunMs = (long)Stopwatch.GetElapsedTime(0, overrunTicks).TotalMilliseconds;
        PoolLog.ThreadRetired(Logger, thread.Name, overrunMs, retired, stuck);
        try
        {
            work.OnAbandoned();
        }
        catch (Exception ex)
        {
            PoolLog.CallbackThrew(Logger, nameof(ISandboxWork.OnAbandoned), thread.Name, ex);
        }

        if (Phase != PoolPhase.Stopped && TryReserveThread())
        {
            StartThread();
        }
    }

    /// <summary>
    /// How many admissions may be queued: <see cref="PoolOptions.MaxQueue"/> waiting, plus as many as threads can take
    /// at once (sleeping ones, and ones that may still be started). Read without a lock, so it is approximate when
    /// runs arrive together.
    /// </summary>
    private int AdmissionLimit()
    {
        var canTakeAtOnce = Volatile.Read(ref _waiterCount)
            + Math.Max(0, _settings.MaxThreads - Volatile.Read(ref _threadCount));
        return (int)Math.Min(int.MaxValue, (long)_settings.MaxQueue + canTakeAtOnce);
    }

    /// <summary>True when a slice waits for a thread: a thread finishing its slice now will take more work at once.</summary>
    internal bool HasQueuedWork => !_continuations.IsEmpty || _admissions.Count > 0;

    /// <summary>Hands queued work to a sleeping thread, or starts a thread if none sleeps and there is room.</summary>
    private void WakeOrStartThread()
    {
        int waiters;
        while ((waiters = Volatile.Read(ref _waiterCount)) > 0)
        {
            if (Interlocked.CompareExchange(ref _waiterCount, waiters - 1, waiters) == waiters)
            {
                _wakeUp.Release();
                return;
            }
        }

        if (Phase != PoolPhase.Stopped && TryReserveThread())
        {
            StartThread();
        }
    }

    private bool TryLeaveWaiters()
    {
        int waiters;
        while ((waiters = Volatile.Read(ref _waiterCount)) > 0)
        {
            if (Interlocked.CompareExchange(ref _waiterCount, waiters - 1, waiters) == waiters)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Leaves the waiters, or, when a waker already claimed this thread, takes the signal it sends.</summary>
    private void StopWaiting()
    {
        if (!TryLeaveWaiters())
        {
            _wakeUp.Wait();
        }
    }

    private bool TryExitWhenStopped()
    {
        if (Phase != PoolPhase.Stopped)
        {
            return false;
        }

        Interlocked.Decrement(ref _threadCount);
        return true;
    }

    /// <summary>Gives back this thread's count if the pool keeps more than its minimum without it.</summary>
    private bool TryExitIdle()
    {
        int threads;
        while ((threads = Volatile.Read(ref _threadCount)) > _settings.MinThreads)
        {
            if (Interlocked.CompareExchange(ref _threadCount, threads - 1, threads) != threads)
            {
                continue;
            }

            // Work queued while this thread was leaving may have found no sleeper and no room for a new thread.
            Interlocked.MemoryBarrier();
            return !HasQueuedWork || !TryReserveThread();
        }

        return false;
    }

    private bool TryReserveThread()
    {
        int threads;
        while ((threads = Volatile.Read(ref _threadCount)) < _settings.MaxThreads)
        {
            if (Interlocked.CompareExchange(ref _threadCount, threads + 1, threads) == threads)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts a thread for a count already reserved.</summary>
    private void StartThread()
    {
        var name = $"sandbox-{Interlocked.Increment(ref _nextThreadNumber)}";
        var thread = new SandboxThread(this, name, _settings.ThreadStackSizeBytes);
        lock (_threadsGate)
        {
            _threads = [.. _threads, thread];
        }

        try
        {
            thread.Start();
            PoolLog.ThreadStarted(Logger, name);
        }
        catch (Exception ex)
        {
            RemoveThread(thread);
            Interlocked.Decrement(ref _threadCount);
            PoolLog.ThreadStartFailed(Logger, name, ex);
        }
    }

    private void RemoveThread(SandboxThread thread)
    {
        lock (_threadsGate)
        {
            _threads = Array.FindAll(_threads, t => t != thread);
        }
    }

    private async Task StopThreadsAsync()
    {
        var all = Task.WhenAll(Array.ConvertAll(Volatile.Read(ref _threads), t => t.Released));

        // Wake every sleeper; repeat in case one was between looking at the phase and going to sleep.
        do
        {
            _wakeUp.Release(Math.Max(1, Volatile.Read(ref _threadCount)));
        }
        while (await Task.WhenAny(all, Task.Delay(_stopRetryInterval)) != all);
    }

    private void AdvancePhase(PoolPhase target)
    {
        int current;
        while ((current = Volatile.Read(ref _phase)) < (int)target)
        {
            Interlocked.CompareExchange(ref _phase, (int)target, current);
        }
    }

    private void RejectQueuedAdmissions()
    {
        while (_admissions.TryTakeAny(out var work))
        {
            Reject(work, PoolRejection.ShuttingDown);
        }
    }

    private void RejectQueuedContinuations()
    {
        while (_continuations.TryDequeue(out var work))
        {
            Reject(work, PoolRejection.ShuttingDown);
        }
    }

    private void Reject(ISandboxWork work, PoolRejection reason)
    {
        try
        {
            work.OnRejected(reason);
        }
        catch (Exception ex)
        {
            PoolLog.CallbackThrew(Logger, nameof(ISandboxWork.OnRejected), Thread.CurrentThread.Name ?? "a caller", ex);
        }
    }
}
