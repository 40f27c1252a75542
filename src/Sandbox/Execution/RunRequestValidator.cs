using System.Globalization;
using System.Text.Json.Nodes;
using IsolatedRuntime.Sandbox.Limits;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>
/// Checks a run's own fields before anything is built, and works out its effective limits. Module inputs (root,
/// sources, whitelist) are checked by the module loader.
/// </summary>
internal static class RunRequestValidator
{
    /// <summary>Returns the message of an <c>InvalidRequest</c> outcome, or null when the request is well formed.</summary>
    public static string? FindProblem(RunOptions run)
    {
        if (string.IsNullOrWhiteSpace(run.File))
        {
            return "The request names no 'file': give the entry module relative to the root, e.g. \"index.js\".";
        }

        if (string.IsNullOrEmpty(run.FuncName))
        {
            return "The request names no 'funcName': give the exported function to call, e.g. \"handler\".";
        }

        if (run.Args is not null and not JsonArray)
        {
            return $"'args' must be a JSON array of arguments, e.g. [1, \"two\"]; got {Describe(run.Args)}.";
        }

        if (run.Context is not null and not JsonObject)
        {
            return $"'context' must be a JSON object of globals, e.g. {{\"a\": 1}}; got {Describe(run.Context)}.";
        }

        if (run.Root is null && run.Sources is null)
        {
            return "The request gives neither 'root' (a code folder) nor 'sources' (inline files): give one of them.";
        }

        if (run.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            return "'timeout' must be positive, e.g. 1500 ms; leave it out to use the sandbox default.";
        }

        if (run.MemoryLimitBytes is <= 0)
        {
            return "'memoryLimitBytes' must be positive, e.g. 67108864 (64 MB); leave it out to use the sandbox default.";
        }

        if (run.CpuBudget is { } cpu && cpu <= TimeSpan.Zero)
        {
            return "'cpuBudget' must be positive, e.g. 250 ms; leave it out to bound the run by its wall-clock 'timeout' only.";
        }

        return FindBatchProblem(run);
    }

    /// <summary>The problem with a batch's items (<see cref="RunOptions.ArgsBatch"/>), or null; before any limit.</summary>
    private static string? FindBatchProblem(RunOptions run)
    {
        if (run.ArgsBatch is null)
        {
            return null;
        }

        if (run.Args is not null)
        {
            return "A request gives either 'args' (one call) or 'argsBatch' (one call per item), not both: drop 'args'.";
        }

        if (run.ArgsBatch is not JsonArray items)
        {
            return $"'argsBatch' must be a JSON array of argument arrays, e.g. [[1, 2], [3, 4]]; got {Describe(run.ArgsBatch)}.";
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonArray)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"'argsBatch' item {i} must be an array of arguments, e.g. [1, 2]; got {(items[i] is null ? "null" : Describe(items[i]!))}.");
            }
        }

        return null;
    }

    /// <summary>The batch is over <see cref="SandboxOptions.MaxBatchItems"/>, or null.</summary>
    public static string? FindBatchSizeProblem(SandboxOptions options, RunOptions run) =>
        run.ArgsBatch is JsonArray { Count: var count } && count > options.MaxBatchItems
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"'argsBatch' holds {count} items, more than the sandbox allows (SandboxOptions.MaxBatchItems = {options.MaxBatchItems}): split it into smaller batches.")
            : null;

    /// <summary>The run's own budgets, or the sandbox defaults, capped by the sandbox maximums.</summary>
    public static RunLimits LimitsFor(SandboxOptions options, RunOptions run)
    {
        var timeout = run.Timeout ?? options.Timeout;
        var memory = run.MemoryLimitBytes ?? options.MemoryLimitBytes;
        TimeSpan? cpu = run.CpuBudget is { } budget ? (budget < options.MaxCpuBudget ? budget : options.MaxCpuBudget) : null;
        return new RunLimits(
            timeout < options.MaxTimeout ? timeout : options.MaxTimeout,
            Math.Min(memory, options.MaxMemoryLimitBytes),
            options.MaxRecursionDepth,
            cpu);
    }

    private static string Describe(JsonNode node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "an array",
        _ => "a " + node.GetValueKind().ToString().ToLowerInvariant() + " value",
    };
}
