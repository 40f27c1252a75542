using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox;

/// <summary>What a run produced: a JSON result, or an error; console output and duration either way.</summary>
public sealed class RunOutcome
{
    private RunOutcome(JsonNode? result, RunError? error, IReadOnlyList<ConsoleEntry> logs, TimeSpan duration)
    {
        Result = result;
        Error = error;
        Logs = logs;
        Duration = duration;
    }

    /// <summary>True when the function returned (or its promise fulfilled) with a serializable value.</summary>
    public bool IsCompleted => Error is null;

    /// <summary>The result as JSON; null for <c>undefined</c> and <c>null</c>, and when the run faulted.</summary>
    public JsonNode? Result { get; }

    /// <summary>The error when the run faulted; null when it completed.</summary>
    public RunError? Error { get; }

    /// <summary>Captured console output, size-capped.</summary>
    public IReadOnlyList<ConsoleEntry> Logs { get; }

    /// <summary>Time spent from the moment user code started; zero when it never started.</summary>
    public TimeSpan Duration { get; }

    /// <summary>CPU time the sandbox threads spent on the run over all its turns (for a batch, over all its items).</summary>
    public TimeSpan CpuTime { get; private init; }

    /// <summary>For a batch (<see cref="RunOptions.ArgsBatch"/>): one outcome per item, in order. Null for a single run.</summary>
    public IReadOnlyList<RunOutcome>? Items { get; private init; }

    /// <summary>Creates a completed outcome.</summary>
    public static RunOutcome Completed(JsonNode? result, IReadOnlyList<ConsoleEntry> logs, TimeSpan duration) =>
        new(result, null, logs, duration);

    /// <summary>Creates a faulted outcome.</summary>
    public static RunOutcome Faulted(RunError error, IReadOnlyList<ConsoleEntry> logs, TimeSpan duration) =>
        new(null, error, logs, duration);

    /// <summary>Creates the outcome of a batch whose code loaded: one outcome per item.</summary>
    public static RunOutcome Batch(IReadOnlyList<RunOutcome> items, TimeSpan duration, TimeSpan cpuTime) =>
        new(null, null, [], duration) { Items = items, CpuTime = cpuTime };

    /// <summary>The same outcome with the CPU time the run spent.</summary>
    public RunOutcome WithCpuTime(TimeSpan cpuTime) => new(Result, Error, Logs, Duration) { Items = Items, CpuTime = cpuTime };

    // The sandbox's own: a finished run's outcome with its CPU time, in one allocation.
    internal static RunOutcome Of(JsonNode? result, RunError? error, IReadOnlyList<ConsoleEntry> logs, TimeSpan duration, TimeSpan cpuTime) =>
        new(result, error, logs, duration) { CpuTime = cpuTime };

    /// <summary>Creates a faulted outcome for a run that never reached user code.</summary>
    public static RunOutcome Faulted(RunErrorKind kind, string name, string message) =>
        new(null, new RunError(kind, name, message, null), [], TimeSpan.Zero);
}
