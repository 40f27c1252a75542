using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox.Benchmarks.Fixtures;

/// <summary>The run requests the benchmarks send, each with its own arguments (JSON nodes are not shared across runs).</summary>
internal static class Runs
{
    public static RunOptions Add(string root) => new()
    {
        Root = root,
        File = "index.js",
        FuncName = "add",
        Args = new JsonArray(2, 3),
    };

    public static RunOptions Spin(string root, TimeSpan timeout) => new()
    {
        Root = root,
        File = "loop.js",
        FuncName = "spin",
        Timeout = timeout,
    };

    public static RunOptions Wait(string root, int milliseconds) => new()
    {
        Root = root,
        File = "timer.js",
        FuncName = "wait",
        Args = new JsonArray(milliseconds),
    };

    /// <summary>Throws when a run the benchmark counts as work did not complete: a fast fault is not throughput.</summary>
    public static void EnsureCompleted(RunOutcome outcome)
    {
        if (!outcome.IsCompleted)
        {
            throw new InvalidOperationException($"A benchmark run faulted: {outcome.Error!.Kind}: {outcome.Error.Message}");
        }
    }
}
