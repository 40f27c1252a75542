using System.Diagnostics;
using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Errors;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Pool;
using IsolatedRuntime.Sandbox.RunState;
using IsolatedRuntime.Sandbox.Warm;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>
/// One batch (<see cref="RunOptions.ArgsBatch"/>): its items run one after another, each as its own
/// <see cref="RunSession"/> (its own wall-clock and CPU budgets, memory baseline, console log, turns, timers and
/// watchdog window), all on one <see cref="WarmEngine"/> that loads the entry module once. Between items the engine is
/// put back as a warm engine is between runs (globals restored, built-ins locked); an item that faults with a limit
/// (or anything but an error its code threw or returned) drops the engine, and the next item loads the code afresh.
/// The batch is the pool's work: its turns are its current item's, and an item that ends on its thread starts the next
/// on the same thread at once, for up to <see cref="_sliceTicks"/>; then the batch yields its thread to other runs'
/// turns through the pool's continuation queue. The watchdog sees the current item's deadline, so every item is
/// watched like a run. See docs/runtime.md ("Batches").
/// </summary>
internal sealed class RunBatch : ISandboxWork
{
    // As long as an event loop keeps its thread before it yields (RunEventLoop).
    private static readonly long _sliceTicks = Stopwatch.Frequency / 50;

    private readonly RunHost _host;
    private readonly RunOptions _run;
    private readonly RunLimits _limits;
    private readonly JsonArray _items;
    private readonly CancellationToken _caller;
    private readonly RunOutcome[] _outcomes;
    private readonly TaskCompletionSource<RunOutcome> _outcome = new();
    private WarmKey? _key;

    // The engine between items; null while an item holds it, or after one dropped it. Items run one at a time, each
    // handed to the next through the pool's queue, so no lock is needed.
    private WarmEngine? _engine;
    private long _startTimestamp;
    private long _cpuTicks;

    // The item whose turn runs (or waits) now.
    private RunSession? _current;

    // The item that just finished on its own thread: the thread running it may start the next one at once. Never an
    // item the watchdog gave up on, so a thread that comes back from a stuck item never runs another.
    private RunSession? _finishedOnItsThread;

    public RunBatch(RunHost host, RunOptions run, RunLimits limits, CancellationToken cancellationToken)
    {
        _host = host;
        _run = run;
        _limits = limits;
        _items = (JsonArray)run.ArgsBatch!;
        _caller = cancellationToken;
        _outcomes = new RunOutcome[_items.Count];
    }

    /// <summary>Completes once with the batch's outcome.</summary>
    public Task<RunOutcome> Outcome => _outcome.Task;

    /// <summary>The current item's deadline: the watchdog watches each item as a run.</summary>
    public long? DeadlineTimestamp => Volatile.Read(ref _current)?.DeadlineTimestamp;

    /// <summary>Admits the batch with its first item; each item's end starts the next.</summary>
    public void Start()
    {
        _current = Item(0);
        _host.Pool.Admit(this);
    }

    /// <summary>Runs the current item's turn, then the items after it while they end on this thread, for a slice.</summary>
    public void Execute()
    {
        var sliceEnd = Stopwatch.GetTimestamp() + _sliceTicks;
        var item = Volatile.Read(ref _current);
        while (item is not null)
        {
            item.Execute();
            if (Interlocked.CompareExchange(ref _finishedOnItsThread, null, item) != item)
            {
                // The item waits for a timer, the batch is done, or the watchdog gave up on this thread.
                return;
            }

            item = Volatile.Read(ref _current);
            if (Stopwatch.GetTimestamp() > sliceEnd)
            {
                _host.Pool.Continue(this);
                return;
            }
        }
    }

    /// <summary>The watchdog gave up on the current item's turn: that item times out, and the next starts elsewhere.</summary>
    public void OnAbandoned() => Volatile.Read(ref _current)?.OnAbandoned();

    /// <summary>The pool will not run the batch: its current item (the first, at admission) answers why.</summary>
    public void OnRejected(PoolRejection reason) => Volatile.Read(ref _current)?.OnRejected(reason);

    /// <summary>Schedules the current item's next turn (a timer came due).</summary>
    public void Continue() => _host.Pool.Continue(this);

    /// <summary>The engine item <paramref name="context"/> runs on: the batch's, or a new one when it has none.</summary>
    public WarmEngine Lend(RunContext context, ConsoleLog log)
    {
        var engine = _engine ?? FirstEngine();
        _engine = null;
        engine.BeginRun(context, log);
        return engine;
    }

    /// <summary>Takes the engine back from an item that ran to its end; keeps it when it could be restored.</summary>
    public void Return(WarmEngine engine)
    {
        try
        {
            if (engine.EndRun() is { } dropped)
            {
                WarmLog.Dropped(_host.Logger, engine.Key.File, dropped);
                return;
            }
        }
        catch (Exception e)
        {
            // Whatever an item left behind must not reach the next item: it loads the code afresh instead.
            WarmLog.RestoreFailed(_host.Logger, engine.Key.File, e);
            return;
        }

        _engine = engine;
    }

    /// <summary>Item <paramref name="item"/> finished with <paramref name="outcome"/>: record it and go on.</summary>
    public void OnItemFinished(RunSession item, RunOutcome outcome, bool fromRunningThread)
    {
        var index = item.ItemIndex;
        if (index == 0)
        {
            _startTimestamp = item.StartTimestamp;
        }

        _cpuTicks += outcome.CpuTime.Ticks;
        if (index == 0 && outcome.Error is not null && !item.Context.CodeLoaded)
        {
            // The code never loaded (or the first item could not even start): the batch fails as one run would.
            Volatile.Write(ref _current, null);
            item.DeliverBatch(outcome, _outcome, fromRunningThread);
            return;
        }

        if (outcome.Error is { Kind: RunErrorKind.Canceled or RunErrorKind.Overloaded } || _caller.IsCancellationRequested)
        {
            // The caller cancels the whole batch, not one item; a pool shutting down refuses the whole batch too.
            var whole = outcome.Error is { Kind: RunErrorKind.Canceled or RunErrorKind.Overloaded } error ? error : RunErrorMapper.Canceled(item.Context);
            HandBackEngine();
            Volatile.Write(ref _current, null);
            item.DeliverBatch(RunOutcome.Of(null, whole, [], Elapsed(), Cpu()), _outcome, fromRunningThread);
            return;
        }

        _outcomes[index] = outcome;
        if (outcome.Error is { } failure && _run.StopOnFirstFailure)
        {
            for (var rest = index + 1; rest < _outcomes.Length; rest++)
            {
                _outcomes[rest] = RunOutcome.Faulted(RunErrorMapper.Skipped(item.Context, index, failure.Kind), [], TimeSpan.Zero);
            }

            Complete(item, fromRunningThread);
            return;
        }

        if (index + 1 == _outcomes.Length)
        {
            Complete(item, fromRunningThread);
            return;
        }

        Volatile.Write(ref _current, Item(index + 1));
        if (fromRunningThread)
        {
            // Started by the loop in Execute, on this thread, as soon as the item's turn returns.
            Volatile.Write(ref _finishedOnItsThread, item);
        }
        else
        {
            _host.Pool.Continue(this);
        }
    }

    // A warm batch starts on an idle warm engine of its key when the store has one (its code already loaded), and
    // hands its engine back at the end: batches and single warm runs of one key then share module state, as warm runs
    // do. Any other engine is new; one dropped by an item is replaced by a new one, never by another from the store.
    private WarmEngine FirstEngine()
    {
        var first = _key is null;
        _key ??= WarmKey.For(_run, _limits);
        return (first && _host.Warm.IsWarm(_run) ? _host.Warm.Take(_key) : null) ?? new WarmEngine(_key, _host.Options);
    }

    // Put back after the batch's last item: kept by the store for the key's next warm run or batch.
    private void HandBackEngine()
    {
        if (Interlocked.Exchange(ref _engine, null) is { } engine && _host.Warm.IsWarm(_run))
        {
            _host.Warm.Keep(engine);
        }
    }

    private RunSession Item(int index) =>
        new(_host, _run, _limits, _caller, this, index, (JsonArray)_items[index]!);

    private void Complete(RunSession last, bool fromRunningThread)
    {
        HandBackEngine();
        Volatile.Write(ref _current, null);
        last.DeliverBatch(RunOutcome.Batch(_outcomes, Elapsed(), Cpu()), _outcome, fromRunningThread);
    }

    private TimeSpan Elapsed() => _startTimestamp == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startTimestamp);

    private TimeSpan Cpu() => TimeSpan.FromTicks(_cpuTicks);
}
