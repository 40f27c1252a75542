using System.Text.Json;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>The figures of <c>isolated-runtime bench --json</c>: the last line of its stdout.</summary>
public sealed record BenchFigures(int Count, int Completed, int Faulted, int Lost, double P99Ms, CommandResult Result)
{
    public static BenchFigures Parse(CommandResult result)
    {
        var last = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is null || !last.StartsWith('{'))
        {
            throw new InvalidOperationException($"The bench printed no JSON summary:\n{result}");
        }

        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        return new BenchFigures(root.GetProperty("count").GetInt32(), root.GetProperty("completed").GetInt32(),
            root.GetProperty("faulted").GetInt32(), root.GetProperty("lost").GetInt32(), root.GetProperty("p99Ms").GetDouble(), result);
    }
}
