using System.Diagnostics;
using Jint.Native;

namespace IsolatedRuntime.Sandbox.EventLoop;

/// <summary>
/// The timers of one run, ordered by due time and then by creation, as Node orders them. Touched only by the run's
/// engine thread of the moment (one turn at a time), so it needs no locking.
/// </summary>
internal sealed class TimerQueue
{
    // Node clamps every delay to [1, 2^31-1] ms; larger or invalid delays become 1 ms.
    internal const double MaxDelayMs = int.MaxValue;

    private readonly PriorityQueue<TimerEntry, (long Due, int Id)> _queue = new();
    private readonly Dictionary<int, TimerEntry> _active = [];
    private int _nextId;

    /// <summary>Live timers: scheduled and not cleared.</summary>
    public int Count => _active.Count;

    /// <summary>Schedules <paramref name="callback"/> after <paramref name="delayMs"/>; returns its id.</summary>
    /// <param name="callback">The function to call.</param>
    /// <param name="arguments">Arguments to call it with.</param>
    /// <param name="delayMs">Requested delay; clamped like Node's. Null for <c>setImmediate</c> (no delay).</param>
    /// <param name="repeat">True for <c>setInterval</c>.</param>
    public int Add(JsValue callback, JsValue[] arguments, double? delayMs, bool repeat)
    {
        var delay = delayMs is null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Clamp(delayMs.Value));
        var entry = new TimerEntry
        {
            Id = ++_nextId,
            Callback = callback,
            Arguments = arguments,
            Interval = repeat ? delay : null,
            DueTimestamp = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency),
        };
        _active[entry.Id] = entry;
        _queue.Enqueue(entry, (entry.DueTimestamp, entry.Id));
        return entry.Id;
    }

    /// <summary>Cancels timer <paramref name="id"/>; unknown ids are ignored, as in Node.</summary>
    public void Clear(int id)
    {
        if (_active.Remove(id, out var entry))
        {
            entry.Cleared = true;
        }
    }

    /// <summary>Cancels every timer; ids keep counting up, so an old id never names a new timer.</summary>
    public void ClearAll()
    {
        foreach (var entry in _active.Values)
        {
            entry.Cleared = true;
        }

        _active.Clear();
        _queue.Clear();
    }

    /// <summary>The due timestamp of the earliest live timer, or null when none is left.</summary>
    public long? NextDue()
    {
        while (_queue.TryPeek(out var entry, out _))
        {
            if (!entry.Cleared)
            {
                return entry.DueTimestamp;
            }

            _queue.Dequeue();
        }

        return null;
    }

    /// <summary>Takes the earliest timer if it is due at <paramref name="now"/>; an interval is rescheduled first.</summary>
    public bool TryTakeDue(long now, out TimerEntry entry)
    {
        if (NextDue() is not { } due || due > now)
        {
            entry = null!;
            return false;
        }

        entry = _queue.Dequeue();
        if (entry.Interval is { } interval)
        {
            entry.DueTimestamp = now + Math.Max(1, (long)(interval.TotalSeconds * Stopwatch.Frequency));
            _queue.Enqueue(entry, (entry.DueTimestamp, entry.Id));
        }
        else
        {
            _active.Remove(entry.Id);
        }

        return true;
    }

    private static double Clamp(double delayMs) =>
        double.IsNaN(delayMs) || delayMs < 1 || delayMs > MaxDelayMs ? 1 : delayMs;
}
