using System.Diagnostics;

namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>
/// The pool's one timer. Each tick it retires threads stuck past a slice's deadline and rejects admissions that
/// waited past the acquire timeout. It ticks only while a slice executes or an admission waits, so an idle pool
/// costs no CPU.
/// </summary>
internal sealed class PoolWatchdog : IDisposable
{
    /// <summary>How often stuck slices and stale admissions are looked for: the lateness of either verdict.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(25);

    private readonly SandboxThreadPool _pool;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private bool _armed;
    private bool _disposed;
    private int _ticking;

    public PoolWatchdog(SandboxThreadPool pool)
    {
        _pool = pool;

        // The timer would otherwise carry the execution context of whoever built the pool into every tick.
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(static state => ((PoolWatchdog)state!).Tick(), this, Timeout.Infinite, Timeout.Infinite);
        }
    }

    /// <summary>
    /// Makes sure the timer ticks. Callers first make what is to be watched visible (an interlocked count), then call
    /// this; the tick clears the flag before it reads those counts, so one of the two always sees the other.
    /// </summary>
    public void EnsureArmed()
    {
        if (!Volatile.Read(ref _armed))
        {
            Arm();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Arm()
    {
        lock (_gate)
        {
            if (_armed || _disposed)
            {
                return;
            }

            Volatile.Write(ref _armed, true);
            _timer.Change(Period, Period);
        }
    }

    private void Tick()
    {
        // A tick that overruns the period must not run beside the next one: the admission sweep is single-consumer.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            _pool.Inspect(Stopwatch.GetTimestamp());
            DisarmWhenNothingToWatch();
        }
        catch (Exception ex)
        {
            PoolLog.WatchdogFailed(_pool.Logger, ex);
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    private void DisarmWhenNothingToWatch()
    {
        lock (_gate)
        {
            Volatile.Write(ref _armed, false);
            Interlocked.MemoryBarrier();
            if (_pool.HasAnythingToWatch)
            {
                Volatile.Write(ref _armed, true);
            }
            else if (!_disposed)
            {
                _timer.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }
    }
}
