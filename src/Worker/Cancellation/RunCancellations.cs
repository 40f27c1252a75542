using System.Collections.Concurrent;

namespace IsolatedRuntime.Worker.Cancellation;

/// <summary>
/// The runs this worker has in hand, by correlation id, so that a <see cref="Contracts.CancelRun"/> can interrupt one;
/// and the ids canceled lately, so that a request this worker takes just after its cancel arrived is not started.
/// </summary>
internal sealed class RunCancellations(TimeProvider time)
{
    // Long enough to cover a request already taken from the queue when its cancel arrives; the result store's
    // cancel marker covers every later delivery.
    private static readonly TimeSpan _remembered = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<Guid, long> _canceled = new();
    private long _nextSweep;

    /// <summary>
    /// Tracks one request while it is handled; its token is canceled by <see cref="Cancel"/> (already canceled when
    /// the id was canceled lately). Dispose the lease when the request is answered.
    /// </summary>
    public Lease Track(Guid correlationId)
    {
        var source = new CancellationTokenSource();
        if (!_running.TryAdd(correlationId, source))
        {
            // The same id twice in this worker at once: the second copy waits on the first one's claim anyway.
            source.Dispose();
            return new Lease(this, correlationId, null);
        }

        if (_canceled.ContainsKey(correlationId))
        {
            source.Cancel();
        }

        return new Lease(this, correlationId, source);
    }

    /// <summary>Interrupts the run of <paramref name="correlationId"/> if this worker has it; remembers the id a while.</summary>
    /// <returns>True when this worker had the run in hand.</returns>
    public bool Cancel(Guid correlationId)
    {
        var now = time.GetTimestamp();
        _canceled[correlationId] = now;
        Sweep(now);
        if (!_running.TryGetValue(correlationId, out var source))
        {
            return false;
        }

        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Answered in the meantime.
        }

        return true;
    }

    private void Sweep(long now)
    {
        if (now < Volatile.Read(ref _nextSweep))
        {
            return;
        }

        Volatile.Write(ref _nextSweep, now + time.TimestampFrequency);
        foreach (var (id, at) in _canceled)
        {
            if (time.GetElapsedTime(at, now) > _remembered)
            {
                _canceled.TryRemove(id, out _);
            }
        }
    }

    /// <summary>One tracked request; its token cancels when the producer cancels the run.</summary>
    internal readonly struct Lease(RunCancellations owner, Guid correlationId, CancellationTokenSource? source) : IDisposable
    {
        /// <summary>Canceled when a <see cref="Contracts.CancelRun"/> for this id arrives.</summary>
        public CancellationToken Token => source?.Token ?? CancellationToken.None;

        public void Dispose()
        {
            if (source is not null && owner._running.TryRemove(new KeyValuePair<Guid, CancellationTokenSource>(correlationId, source)))
            {
                source.Dispose();
            }
        }
    }
}
