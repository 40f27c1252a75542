using System.Diagnostics;
using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Errors;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Warm;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>
/// One batch (<see cref="RunOptions.ArgsBatch"/>): its items run one after another, each as its own
/// <see cref="RunSession"/> (its own wall-clock and CPU budgets, memory baseline, console log, turns, timers and
/// watchdog window), all on one <see cref="WarmEngine"/> that loads the entry module once. Between items the engine is
/// put back as a warm engine is between runs (globals restored, built-ins locked); an item that faults with a limit
/// (or anything but an error its code threw or returned) drops the engine, and the next item loads the code afresh.
/// Items are chained through the pool's continuation queue, so a long batch shares its thread with other runs' turns
/// and every item is watched like a run. See docs/runtime.md ("Batches").
/// </summary>
internal sealed class RunBatch
{
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

    /// <summary>Admits the first item; each item's end starts the next.</summary>
    public void Start() => _host.Pool.Admit(Item(0));

    /// <summary>The engine item <paramref name="context"/> runs on: the batch's, or a new one when it has none.</summary>
    public WarmEngine Lend(RunContext context, ConsoleLog log)
    {
        var engine = _engine ?? new WarmEngine(_key ??= WarmKey.For(_run, _limits), _host.Options);
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
            item.DeliverBatch(outcome, _outcome, fromRunningThread);
            return;
        }

        if (outcome.Error is { Kind: RunErrorKind.Canceled } || _caller.IsCancellationRequested)
        {
            // The caller cancels the whole batch, not one item.
            var canceled = outcome.Error is { Kind: RunErrorKind.Canceled } error ? error : RunErrorMapper.Canceled(item.Context);
            item.DeliverBatch(RunOutcome.Of(null, canceled, [], Elapsed(), Cpu()), _outcome, fromRunningThread);
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

        _host.Pool.Continue(Item(index + 1));
    }

    private RunSession Item(int index) =>
        new(_host, _run, _limits, _caller, this, index, (JsonArray)_items[index]!);

    private void Complete(RunSession last, bool fromRunningThread)
    {
        _engine = null;
        last.DeliverBatch(RunOutcome.Batch(_outcomes, Elapsed(), Cpu()), _outcome, fromRunningThread);
    }

    private TimeSpan Elapsed() => _startTimestamp == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_startTimestamp);

    private TimeSpan Cpu() => TimeSpan.FromTicks(_cpuTicks);
}
