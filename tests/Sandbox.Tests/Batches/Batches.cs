using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox.Tests.Batches;

/// <summary>Batch requests over inline sources, so a test reads as the code it runs.</summary>
internal static class Batches
{
    /// <summary>A batch calling <c>f</c> of an <c>index.js</c> holding <paramref name="source"/> once per item of <paramref name="itemsJson"/>.</summary>
    public static RunOptions Of(
        string source,
        string itemsJson,
        bool stopOnFirstFailure = false,
        TimeSpan? timeout = null,
        TimeSpan? cpuBudget = null,
        string? contextJson = null,
        long? memoryLimitBytes = null,
        string file = "index.js",
        bool? warm = null) => new()
        {
            Sources = new Dictionary<string, string> { [file] = source },
            File = file,
            FuncName = "f",
            ArgsBatch = JsonNode.Parse(itemsJson),
            StopOnFirstFailure = stopOnFirstFailure,
            Timeout = timeout,
            CpuBudget = cpuBudget,
            Context = contextJson is null ? null : JsonNode.Parse(contextJson),
            MemoryLimitBytes = memoryLimitBytes,
            Warm = warm,
        };

    /// <summary>The items' results as compact JSON, or their error kinds, for one-line asserts.</summary>
    public static string Summary(RunOutcome batch) => string.Join(
        " | ",
        batch.Items!.Select(i => i.IsCompleted ? i.Result?.ToJsonString() ?? "null" : i.Error!.Kind.ToString()));
}
