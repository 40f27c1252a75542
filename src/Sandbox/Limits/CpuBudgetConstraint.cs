using System.Diagnostics;
using Jint;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// A run's CPU-time budget, checked inline by its engine at the amortized cadence (every few statements, like the
/// wall-clock deadline). A thread cannot use more CPU than wall-clock time passes, so a check only compares a
/// <see cref="Stopwatch"/> timestamp with the moment the rest of the budget could at the earliest be spent; the CPU
/// clock (a system call) is read only then, and each reading pushes that moment out by what is still left. A turn
/// that gets the whole core reads the clock about once; one that shares it reads it a few times more.
/// </summary>
internal sealed class CpuBudgetConstraint : Constraint
{
    // Below this, the CPU clock would be read on almost every amortized check near the end of a budget.
    private static readonly long _minReadInterval = Stopwatch.Frequency / 1_000;

    private long _turnStartCpu;
    private long _remainingTicks;
    private long _nextReadTimestamp = long.MaxValue;

    /// <summary>Amortizable: it only reads clocks, which only advance.</summary>
    public override bool IsAmortizable => true;

    /// <summary>
    /// Arms the budget for one turn on the calling thread: <paramref name="remaining"/> CPU ticks are left, and the
    /// thread's CPU clock read <paramref name="turnStartCpu"/> as the turn began.
    /// </summary>
    public void BeginTurn(long turnStartCpu, long remaining)
    {
        _turnStartCpu = turnStartCpu;
        _remainingTicks = remaining;
        _nextReadTimestamp = Stopwatch.GetTimestamp() + ToStopwatch(remaining);
    }

    /// <summary>Disarms the budget between turns and runs.</summary>
    public void End() => _nextReadTimestamp = long.MaxValue;

    /// <inheritdoc />
    public override void Check()
    {
        var now = Stopwatch.GetTimestamp();
        if (now < _nextReadTimestamp)
        {
            return;
        }

        var left = _remainingTicks - (ThreadCpuClock.Now() - _turnStartCpu);
        if (left < 0)
        {
            _nextReadTimestamp = long.MaxValue;
            throw new CpuBudgetExceededException();
        }

        _nextReadTimestamp = now + Math.Max(ToStopwatch(left), _minReadInterval);
    }

    /// <inheritdoc />
    public override void Reset()
    {
        // The budget spans every entry of the run: a new top-level entry (a timer callback) must not rewind it.
    }

    private static long ToStopwatch(long ticks) =>
        ticks >= long.MaxValue / Stopwatch.Frequency ? long.MaxValue / 2 : ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
}
