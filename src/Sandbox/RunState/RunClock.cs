using System.Diagnostics;
using IsolatedRuntime.Sandbox.Limits;
using Jint.Constraints;

namespace IsolatedRuntime.Sandbox.RunState;

/// <summary>
/// The wall-clock budget of one run, started when its user code is about to run. The run's own engine checks it
/// inline (<see cref="Constraint"/>, a timestamp compared every few statements, together with the caller's token), so
/// a run costs no timer and no token source; a <see cref="CancellationToken"/> is built only for the few who ask
/// (the operator's resolver and compiler engines).
/// </summary>
internal sealed class RunClock(TimeSpan budget, CancellationToken caller, TimeSpan? cpuBudget = null) : IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _source;
    private long _deadlineTimestamp;
    private bool _disposed;

    /// <summary>Registered on the run's engine; armed by <see cref="Start"/>.</summary>
    public OperationDeadlineConstraint Constraint { get; private set; } = new();

    /// <summary>The run's CPU budget, checked inline at the same cadence; null when the run has none.</summary>
    public CpuBudgetConstraint? Cpu { get; private set; } = cpuBudget is null ? null : new CpuBudgetConstraint();

    /// <summary>The run's CPU budget in <see cref="TimeSpan"/> ticks; <see cref="long.MaxValue"/> when it has none.</summary>
    public long CpuBudgetTicks { get; } = cpuBudget?.Ticks ?? long.MaxValue;

    /// <summary>
    /// Checks the budgets with <paramref name="constraint"/> and <paramref name="cpu"/> instead: the constraints a
    /// borrowed (warm) engine was built with, since an engine's constraints are fixed when it is built. Before
    /// <see cref="Start"/>.
    /// </summary>
    public void CheckOn(OperationDeadlineConstraint constraint, CpuBudgetConstraint? cpu)
    {
        Constraint = constraint;
        if (Cpu is not null)
        {
            Cpu = cpu;
        }
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp the budget runs out at; 0 until <see cref="Start"/>.</summary>
    public long DeadlineTimestamp => Volatile.Read(ref _deadlineTimestamp);

    /// <summary>Canceled when the budget is spent or the caller gives up. Built on first read.</summary>
    public CancellationToken Token
    {
        get
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return new CancellationToken(canceled: true);
                }

                if (_source is null)
                {
                    _source = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new CancellationTokenSource();
                    _source.CancelAfter(Remaining());
                }

                return _source.Token;
            }
        }
    }

    /// <summary>Starts the budget now. Returns the deadline's timestamp.</summary>
    public long Start()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        Constraint.Begin(budget, caller);
        lock (_gate)
        {
            Volatile.Write(ref _deadlineTimestamp, deadline);
            if (!_disposed)
            {
                _source?.CancelAfter(Remaining());
            }
        }

        return deadline;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _source?.Dispose();
        }
    }

    // The whole budget until the clock starts.
    private TimeSpan Remaining()
    {
        var deadline = Volatile.Read(ref _deadlineTimestamp);
        if (deadline == 0)
        {
            return budget;
        }

        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
