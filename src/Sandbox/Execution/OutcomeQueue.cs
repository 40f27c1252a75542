using System.Collections.Concurrent;
using System.Diagnostics;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>
/// Hands finished runs' outcomes to their callers on the .NET thread pool, many per wake-up. A run's task completes
/// (and its caller's continuation runs) on a thread-pool thread here, never on a sandbox thread: a slow continuation
/// must not sit inside a sandbox thread's watchdog window. One instance per <see cref="JsSandbox"/>.
/// </summary>
/// <remarks>
/// <para>
/// Completing each outcome as its own thread-pool work item cost a thread-pool wake per run, and on a small machine
/// the woken workers competed for the cores with the sandbox threads. Here one work item delivers every outcome that
/// is ready; a run finished by a sandbox thread that has more work queued may wait up to <see cref="MaxBatch"/>
/// outcomes or <see cref="MaxDelay"/> for company. Every other outcome (the thread goes idle next, or the outcome
/// comes from a timer, the watchdog or the caller) starts a delivery at once.
/// </para>
/// <para>
/// A caller's continuation that blocks holds up the outcomes behind it only briefly: while outcomes wait, a timer
/// checks every <see cref="MaxDelay"/>, and if the delivery in progress has not moved on since, it delivers them
/// from its own thread.
/// </para>
/// </remarks>
internal sealed class OutcomeQueue : IThreadPoolWorkItem, IDisposable
{
    /// <summary>Outcomes a busy sandbox thread lets wait before it starts a delivery.</summary>
    internal const int MaxBatch = 64;

    /// <summary>The longest an outcome waits for a delivery that has not started, or that stalls.</summary>
    internal static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(1);

    private static readonly long _maxDelayTicks = (long)(MaxDelay.TotalSeconds * Stopwatch.Frequency);

    private readonly ConcurrentQueue<RunSession> _ready = new();
    private readonly Timer _watch;

    // Outcomes in _ready (approximate: may dip below zero for a moment while a delivery overtakes a post).
    private int _count;

    // Deliveries scheduled or running.
    private int _deliveries;
    private int _watchArmed;
    private long _lastProgress;

    public OutcomeQueue()
    {
        // The timer must not carry the execution context of whoever built the sandbox into every delivery.
        using (ExecutionContext.SuppressFlow())
        {
            _watch = new Timer(static state => ((OutcomeQueue)state!).OnWatch(), this, Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>
    /// Queues a finished run for delivery. <paramref name="mayWait"/>: the caller is a sandbox thread about to take
    /// more work, so the outcome may wait briefly to share a wake-up with the next ones.
    /// </summary>
    public void Post(RunSession session, bool mayWait)
    {
        _ready.Enqueue(session);
        var count = Interlocked.Increment(ref _count);
        if (mayWait && count < MaxBatch)
        {
            ArmWatch();
            return;
        }

        if (Interlocked.CompareExchange(ref _deliveries, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            return;
        }

        // A delivery is under way and takes this one too, unless it is stuck in a slow continuation: the timer looks.
        ArmWatch();
    }

    void IThreadPoolWorkItem.Execute() => Deliver();

    /// <summary>Stops the timer; outcomes still queued are delivered by the delivery already under way.</summary>
    public void Dispose() => _watch.Dispose();

    // Runs with this delivery already counted in _deliveries.
    private void Deliver()
    {
        while (true)
        {
            while (_ready.TryDequeue(out var session))
            {
                Interlocked.Decrement(ref _count);
                Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
                session.Deliver();
            }

            // Dekker with Post: either the poster saw this delivery still counted (and this sees its count), or it
            // started a delivery of its own.
            Interlocked.Decrement(ref _deliveries);
            if (Volatile.Read(ref _count) <= 0 || Interlocked.CompareExchange(ref _deliveries, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private void ArmWatch()
    {
        if (Volatile.Read(ref _watchArmed) == 0 && Interlocked.Exchange(ref _watchArmed, 1) == 0)
        {
            try
            {
                _watch.Change(MaxDelay, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The sandbox has shut down: every run has been handed over already.
            }
        }
    }

    private void OnWatch()
    {
        Volatile.Write(ref _watchArmed, 0);
        if (Volatile.Read(ref _count) <= 0)
        {
            return;
        }

        // Armed again first: if the delivery below stalls in turn, the next tick rescues what waits behind it.
        ArmWatch();
        if (Interlocked.CompareExchange(ref _deliveries, 1, 0) == 0)
        {
            Deliver();
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (now - Volatile.Read(ref _lastProgress) > _maxDelayTicks)
        {
            Interlocked.Increment(ref _deliveries);
            Volatile.Write(ref _lastProgress, now);
            Deliver();
        }
    }
}
