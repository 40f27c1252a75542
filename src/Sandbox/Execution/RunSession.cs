using System.Diagnostics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Errors;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Pool;
using IsolatedRuntime.Sandbox.RunState;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>
/// One run's life across pool turns: admitted, running a turn, waiting (holding no thread) for its next timer,
/// scheduled again, done. Turns, timer wake-ups, the deadline, caller cancellation and the pool's watchdog race for
/// the state under one lock; whichever finishes the run completes its outcome, exactly once, and later turns are
/// no-ops. The engine is dropped as soon as the run is done.
/// </summary>
internal sealed class RunSession : ISandboxWork, IDisposable
{
    private readonly Lock _gate = new();
    private readonly RunHost _host;
    private readonly RunContext _context;
    private readonly ConsoleLog _log;
    private readonly RunClock _clock;
    private readonly CancellationToken _caller;
    private readonly RunBatch? _batch;

    // Completed only by the host's OutcomeQueue, on a thread-pool thread: continuations may run inline there.
    private readonly TaskCompletionSource<RunOutcome> _outcome = new();
    private readonly CancellationTokenRegistration _callerRegistration;
    private ScriptRun? _script;
    private Timer? _wakeTimer;
    private SessionState _state;
    private bool _callerCanceled;
    private long _startTimestamp;
    private long _deadlineTimestamp;
    private RunOutcome? _finished;
    private TaskCompletionSource<RunOutcome>? _deliverTo;

    // CPU time of the turns that ended (TimeSpan ticks); written by the thread of each turn before it ends the turn.
    private long _cpuTicks;
    private long _cpuTurnStart;

    /// <summary>A single run (<paramref name="batch"/> null), or item <paramref name="itemIndex"/> of a batch.</summary>
    public RunSession(
        RunHost host,
        RunOptions run,
        RunLimits limits,
        CancellationToken cancellationToken,
        RunBatch? batch = null,
        int itemIndex = 0,
        System.Text.Json.Nodes.JsonArray? itemArgs = null)
    {
        _host = host;
        _batch = batch;
        ItemIndex = itemIndex;
        _log = new ConsoleLog(host.Options.MaxLogBytes);
        _caller = cancellationToken;
        _clock = new RunClock(limits.Timeout, cancellationToken, limits.CpuBudget);
        _context = new RunContext
        {
            Run = run,
            Limits = limits,
            Clock = _clock,
            MaxErrorBytes = host.Options.MaxErrorBytes,
            Args = batch is null ? run.Args as System.Text.Json.Nodes.JsonArray : itemArgs,
        };
        if (cancellationToken.CanBeCanceled)
        {
            _callerRegistration = cancellationToken.UnsafeRegister(static s => ((RunSession)s!).OnCallerCanceled(), this);
        }
    }

    private enum SessionState
    {
        Queued,
        Running,
        Waiting,
        Scheduled,
        Done,
    }

    /// <summary>Completes once with the run's outcome.</summary>
    public Task<RunOutcome> Outcome => _outcome.Task;

    /// <summary>The item's place in its batch; 0 for a single run.</summary>
    public int ItemIndex { get; }

    /// <summary>The run's context: its request, limits, and whether its code loaded.</summary>
    public RunContext Context => _context;

    /// <summary>When user code started (a <see cref="Stopwatch"/> timestamp); 0 if it never did.</summary>
    public long StartTimestamp => _startTimestamp;

    // Read by the pool's watchdog thread while a turn runs.
    public long? DeadlineTimestamp => Volatile.Read(ref _deadlineTimestamp) is var deadline and not 0 ? deadline : null;

    public void Execute()
    {
        lock (_gate)
        {
            if (_state == SessionState.Done)
            {
                return;
            }

            _state = SessionState.Running;
        }

        // The thread's CPU clock brackets the turn: a run waiting for a timer holds no thread and accrues nothing.
        _cpuTurnStart = ThreadCpuClock.StartTurn();
        TurnResult turn;
        try
        {
            turn = RunTurn();
        }
        catch (Exception e)
        {
            turn = TurnResult.Faulted(Map(e));
        }

        _clock.Cpu?.End();
        _cpuTicks += ThreadCpuClock.EndTurn() - _cpuTurnStart;
        EndTurn(turn);
    }

    public void OnAbandoned() => Finish(TimedOutOrCanceled(), fromRunningThread: false);

    public void OnRejected(PoolRejection reason)
    {
        var message = reason switch
        {
            PoolRejection.QueueFull => "The sandbox queue is full: every thread is busy and the waiting list is at its limit. Retry later, or raise Pool.MaxQueue / Pool.MaxThreads.",
            PoolRejection.AcquireTimeout => "No sandbox thread became free within the acquire timeout. Retry later, or raise Pool.MaxThreads / Pool.AcquireTimeout.",
            _ => "The sandbox is shutting down and did not start this run. Retry it on another instance.",
        };
        Finish(new RunError(RunErrorKind.Overloaded, "OverloadedError", message, null), fromRunningThread: false);
    }

    private TurnResult RunTurn()
    {
        if (_script is { } script)
        {
            // A turn scheduled just as the budget ran out: no script statement may notice it before Continue returns.
            if (Stopwatch.GetTimestamp() >= Volatile.Read(ref _deadlineTimestamp) || CallerCanceled())
            {
                return TurnResult.Faulted(TimedOutOrCanceled());
            }

            _clock.Cpu?.BeginTurn(_cpuTurnStart, _clock.CpuBudgetTicks - _cpuTicks);
            return script.Continue();
        }

        script = _script = new ScriptRun(_context, _host, _log, _batch);
        if (script.Prepare() is { } invalid)
        {
            return TurnResult.Faulted(invalid);
        }

        StartClock();

        // CPU time, like durationMs, counts from here: building the engine is the sandbox's cost, not the run's (in a
        // fresh process it is mostly the JIT, and would spend a tight budget before user code started).
        _cpuTurnStart = ThreadCpuClock.Now();

        // Armed after Prepare: a warm or batch engine's own constraint replaces the clock's there.
        _clock.Cpu?.BeginTurn(_cpuTurnStart, _clock.CpuBudgetTicks);
        return script.Begin();
    }

    // The budget and durationMs both start here, when user code is about to run; time in the queue is not counted.
    private void StartClock()
    {
        _startTimestamp = Stopwatch.GetTimestamp();
        Volatile.Write(ref _deadlineTimestamp, _clock.Start());
    }

    private void EndTurn(TurnResult turn)
    {
        lock (_gate)
        {
            if (_state == SessionState.Done)
            {
                // The deadline, the caller or the watchdog finished the run while this turn was on its thread.
                _script = null;
                return;
            }

            if (turn.End == TurnEnd.Waiting && (_callerCanceled || _caller.IsCancellationRequested))
            {
                // The caller gave up while this turn ran, and the turn ended before its engine noticed.
                turn = TurnResult.Faulted(RunErrorMapper.Canceled(_context));
            }
            else if (turn.End == TurnEnd.Waiting && _cpuTicks > _clock.CpuBudgetTicks)
            {
                // Spent between two checks of the engine (in a built-in, or after its last statement).
                turn = TurnResult.Faulted(RunErrorMapper.CpuLimit(_context));
            }
            else if (turn.End == TurnEnd.Waiting)
            {
                _state = SessionState.Waiting;

                // Woken at its next timer or at its deadline, whichever comes first.
                ArmWakeTimer(Math.Min(turn.WakeTimestamp, _deadlineTimestamp));
                return;
            }
        }

        Finish(turn.End == TurnEnd.Completed ? null : turn.Error, fromRunningThread: true, turn.Result);
    }

    // Called under the lock.
    private void ArmWakeTimer(long wakeTimestamp)
    {
        var delay = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), wakeTimestamp);
        if (delay <= TimeSpan.Zero)
        {
            _state = SessionState.Scheduled;
            ScheduleNextTurn();
            return;
        }

        // Round up: waking a little late is harmless, waking early costs a wasted turn.
        var dueMs = (long)Math.Ceiling(delay.TotalMilliseconds);
        _wakeTimer ??= new Timer(static s => ((RunSession)s!).OnWake(), this, Timeout.Infinite, Timeout.Infinite);
        _wakeTimer.Change(dueMs, Timeout.Infinite);
    }

    // A batch item's turns are its batch's: the batch is the pool's work, so the watchdog watches it whole.
    private void ScheduleNextTurn()
    {
        if (_batch is null)
        {
            _host.Pool.Continue(this);
        }
        else
        {
            _batch.Continue();
        }
    }

    private void OnWake()
    {
        if (Stopwatch.GetTimestamp() >= Volatile.Read(ref _deadlineTimestamp))
        {
            // The budget ran out while the run held no thread: answer now, without one.
            Finish(TimedOutOrCanceled(), fromRunningThread: false, onlyIfIdle: true);
            return;
        }

        lock (_gate)
        {
            if (_state != SessionState.Waiting)
            {
                return;
            }

            _state = SessionState.Scheduled;
        }

        ScheduleNextTurn();
    }

    private void OnCallerCanceled()
    {
        lock (_gate)
        {
            _callerCanceled = true;
        }

        // Answered now, whatever the run is doing. A running turn also stops by itself (its engine observes the
        // caller's token within a few statements) and finds the run done; but a turn busy where no statement runs
        // (building the engine, a first-time JIT, a long built-in) must not hold the caller's answer back.
        Finish(RunErrorMapper.Canceled(_context), fromRunningThread: false);
    }

    private RunError TimedOutOrCanceled() =>
        CallerCanceled() ? RunErrorMapper.Canceled(_context) : RunErrorMapper.Timeout(_context);

    // The token is read too: the engine may see it canceled before the registered callback has run.
    private bool CallerCanceled()
    {
        lock (_gate)
        {
            return _callerCanceled || _caller.IsCancellationRequested;
        }
    }

    private RunError Map(Exception exception)
    {
        var canceled = CallerCanceled();
        var error = RunErrorMapper.FromException(exception, _context, canceled, out var unexpected);
        if (unexpected)
        {
            _host.Logger.LogError(
                exception,
                "Run of {FuncName} in {File} failed inside the sandbox",
                _context.Run.FuncName,
                _context.Run.File);
        }

        return error;
    }

    private void Finish(RunError? error, bool fromRunningThread, System.Text.Json.Nodes.JsonNode? result = null, bool onlyIfIdle = false)
    {
        // Only a run that completed on its own thread hands a warm engine on; any fault drops it with the run. A batch
        // item keeps its engine after an error its code threw or returned too: the engine ran it to the end.
        var recycle = fromRunningThread && (error is null || (_batch is not null && error.Kind is RunErrorKind.UserError or RunErrorKind.ResultNotSerializable))
            ? _script
            : null;
        lock (_gate)
        {
            if (_state == SessionState.Done || (onlyIfIdle && _state == SessionState.Running))
            {
                return;
            }

            // A thread still stuck in this run keeps its engine until it returns; otherwise drop it now.
            if (fromRunningThread || _state != SessionState.Running)
            {
                _script = null;
            }

            _state = SessionState.Done;
        }

        var duration = _startTimestamp == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startTimestamp);
        var logs = _log.Snapshot();
        _callerRegistration.Dispose();
        Dispose();

        // Before the outcome is out, so a caller's next run finds the engine back (restoring takes microseconds).
        recycle?.Recycle();
        var outcome = RunOutcome.Of(result, error, logs, duration, TimeSpan.FromTicks(Math.Max(0, _cpuTicks)));
        if (_batch is not null)
        {
            _batch.OnItemFinished(this, outcome, fromRunningThread);
            return;
        }

        _finished = outcome;

        // A sandbox thread that has more work queued lets the outcome wait briefly for others to share a wake-up.
        _host.Outcomes.Post(this, mayWait: fromRunningThread && _host.Pool.HasQueuedWork);
    }

    /// <summary>Hands a whole batch's outcome to its caller through this (its last) item, as a single run's is.</summary>
    public void DeliverBatch(RunOutcome outcome, TaskCompletionSource<RunOutcome> target, bool fromRunningThread)
    {
        _finished = outcome;
        _deliverTo = target;
        _host.Outcomes.Post(this, mayWait: fromRunningThread && _host.Pool.HasQueuedWork);
    }

    /// <summary>
    /// Hands the outcome to the caller; called once by the <see cref="OutcomeQueue"/>, on a thread-pool thread. The
    /// run leaves the active count first, so a continuation that waits for the sandbox's shutdown cannot wait for
    /// itself.
    /// </summary>
    public void Deliver()
    {
        _host.ActiveRuns.Exit();
        (_deliverTo ?? _outcome).TrySetResult(_finished!);
    }

    /// <summary>Releases the run's timers; called once the outcome is decided.</summary>
    public void Dispose()
    {
        _wakeTimer?.Dispose();
        _clock.Dispose();
    }
}
