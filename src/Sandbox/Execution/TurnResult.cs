using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>How one turn of a run ended: with the run's result, with its error, or waiting for a timer.</summary>
internal readonly record struct TurnResult(TurnEnd End, JsonNode? Result, RunError? Error, long WakeTimestamp)
{
    public static TurnResult Completed(JsonNode? result) => new(TurnEnd.Completed, result, null, 0);

    public static TurnResult Faulted(RunError error) => new(TurnEnd.Faulted, null, error, 0);

    /// <summary>Nothing more to do until <paramref name="timestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public static TurnResult WaitUntil(long timestamp) => new(TurnEnd.Waiting, null, null, timestamp);
}

/// <summary>The three ways a turn ends.</summary>
internal enum TurnEnd
{
    Completed,
    Faulted,
    Waiting,
}
