using System.Collections.Concurrent;
using System.Diagnostics;

namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>
/// New runs waiting for a thread, oldest first, each stamped with when it arrived so that one waiting longer than the
/// acquire timeout is rejected rather than started. Lock-free: producers and pool threads never wait on each other.
/// Every entry leaves exactly once — taken to execute, or taken to reject — which is what makes Execute and
/// OnRejected exclusive.
/// </summary>
internal sealed class AdmissionQueue
{
    private readonly ConcurrentQueue<Admission> _queue = new();
    private readonly long _timeoutTicks;

    // The sweeper finds out whether the head is stale by dequeuing it, and may then hold a fresh entry. It parks that
    // entry here, ahead of the queue, rather than sending it to the back. Only the sweeper fills this slot; anyone
    // may empty it.
    private ISandboxWork? _front;
    private long _frontArrival;
    private int _count;

    public AdmissionQueue(long timeoutTicks) => _timeoutTicks = timeoutTicks;

    /// <summary>Entries not yet taken, including the parked one.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds a new run unless <paramref name="limit"/> entries are already waiting.</summary>
    public bool TryEnqueue(ISandboxWork work, int limit)
    {
        if (Interlocked.Increment(ref _count) > limit)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _queue.Enqueue(new Admission(work, Stopwatch.GetTimestamp()));
        return true;
    }

    /// <summary>
    /// Takes the oldest entry for a pool thread. <paramref name="stale"/> says it waited past the acquire timeout and
    /// must be rejected instead of executed.
    /// </summary>
    public bool TryTake(out ISandboxWork work, out bool stale)
    {
        stale = false;
        if (Volatile.Read(ref _front) is not null && Interlocked.Exchange(ref _front, null) is { } parked)
        {
            // Parked entries were fresh when parked; the sweeper rejects one that goes stale while parked.
            return Took(parked, out work);
        }

        if (!_queue.TryDequeue(out var entry))
        {
            work = null!;
            return false;
        }

        stale = IsStale(entry.Arrival, Stopwatch.GetTimestamp());
        return Took(entry.Work, out work);
    }

    /// <summary>
    /// Takes the oldest entry if it has waited past the acquire timeout at <paramref name="now"/>. Called by one sweeper
    /// at a time.
    /// </summary>
    public bool TryTakeStale(long now, out ISandboxWork work)
    {
        if (Volatile.Read(ref _front) is { } parked)
        {
            if (!IsStale(_frontArrival, now))
            {
                work = null!;
                return false;
            }

            if (Interlocked.CompareExchange(ref _front, null, parked) == parked)
            {
                return Took(parked, out work);
            }
        }

        // Dequeue rather than peek: a peek pins the queue's segment, and every later enqueue would then allocate.
        work = null!;
        if (!_queue.TryDequeue(out var entry))
        {
            return false;
        }

        if (IsStale(entry.Arrival, now))
        {
            return Took(entry.Work, out work);
        }

        _frontArrival = entry.Arrival;
        Volatile.Write(ref _front, entry.Work);
        return false;
    }

    /// <summary>Takes any entry, stale or not: for rejecting everything at shutdown.</summary>
    public bool TryTakeAny(out ISandboxWork work) => TryTake(out work, out _);

    private bool IsStale(long arrival, long now) => now - arrival >= _timeoutTicks;

    private bool Took(ISandboxWork taken, out ISandboxWork work)
    {
        Interlocked.Decrement(ref _count);
        work = taken;
        return true;
    }

    private readonly record struct Admission(ISandboxWork Work, long Arrival);
}
