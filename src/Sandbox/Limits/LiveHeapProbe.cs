using System.Diagnostics;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// Measures the process's live managed heap with a full blocking collection, shared by every run in the process.
/// A run that asks while another run's measurement is already in progress waits for the next one rather than
/// trusting a figure taken before its own allocations; callers queued behind one collection share its result, so a
/// burst of runs confirming at once costs one collection, not one each.
/// </summary>
internal static class LiveHeapProbe
{
    private static readonly Lock _gate = new();
    private static long _completed;
    private static long _lastLiveBytes;
    private static bool _measured;
    private static HeapEstimate? _lastEstimate;

    /// <summary>How long one reading of the heap estimate serves later runs: one millisecond.</summary>
    internal static readonly long EstimateReuseTicks = Stopwatch.Frequency / 1000;

    /// <summary>
    /// The heap's size now, without a collection: every live object plus garbage not collected yet, so never less
    /// than the live heap. Cheap; never cached, because an older reading may be lower than the live heap is now.
    /// </summary>
    public static long UpperBound() => GC.GetTotalMemory(forceFullCollection: false);

    /// <summary>Live managed heap bytes, measured after the caller's last allocation.</summary>
    public static long Measure()
    {
        var ticket = Volatile.Read(ref _completed);
        lock (_gate)
        {
            // A measurement that finished after our ticket may have started before it; only the one after that is
            // guaranteed to have seen everything the caller allocated.
            if (_completed >= ticket + 2)
            {
                return _lastLiveBytes;
            }

            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            _lastLiveBytes = GC.GetTotalMemory(forceFullCollection: false);
            Volatile.Write(ref _lastEstimate, new HeapEstimate(Stopwatch.GetTimestamp(), _lastLiveBytes));
            _measured = true;
            Volatile.Write(ref _completed, _completed + 1);
            return _lastLiveBytes;
        }
    }

    /// <summary>
    /// The heap a run starts from, accurate to within <paramref name="tolerance"/> bytes. The cheap figure (the heap
    /// including garbage not yet collected) is used while it is within <paramref name="tolerance"/> of the last
    /// measured live heap; after a burst of garbage it would hide that much of the run's growth, so the heap is
    /// measured instead. Each such measurement also refreshes the figure the next runs compare against.
    /// </summary>
    public static long Baseline(long tolerance)
    {
        var estimate = Estimate();
        return Volatile.Read(ref _measured) && estimate - Volatile.Read(ref _lastLiveBytes) <= tolerance
            ? estimate
            : Measure();
    }

    /// <summary>
    /// The heap including garbage not yet collected, read at most once per <see cref="EstimateReuseTicks"/>: the
    /// read takes the collector's lock, which every run starting on every thread contended for. A figure that old
    /// differs from a fresh one by what the process allocated or collected since, within the baseline's tolerance.
    /// </summary>
    private static long Estimate()
    {
        var now = Stopwatch.GetTimestamp();
        if (Volatile.Read(ref _lastEstimate) is { } last && now - last.Timestamp < EstimateReuseTicks)
        {
            return last.Bytes;
        }

        var bytes = GC.GetTotalMemory(forceFullCollection: false);
        Volatile.Write(ref _lastEstimate, new HeapEstimate(now, bytes));
        return bytes;
    }

    private sealed record HeapEstimate(long Timestamp, long Bytes);
}
