using System.Globalization;
using IsolatedRuntime.Cli.Bench;

namespace IsolatedRuntime.Cli.Output;

/// <summary>
/// Prints a bench's figures: a small table on stdout, or with <c>--json</c> one JSON object as stdout's last line.
/// Why runs faulted or were lost goes to stderr either way.
/// </summary>
internal static class BenchSummaryWriter
{
    public static void WritePlain(BenchSummary summary, CliConsole console)
    {
        WriteReasons(summary, console);
        var invariant = CultureInfo.InvariantCulture;
        console.Out.WriteLine(string.Create(invariant, $"runs      {summary.Count} ({summary.Completed} completed, {summary.Faulted} faulted, {summary.Lost} lost)"));
        console.Out.WriteLine(string.Create(invariant, $"time      {summary.Seconds:F3} s"));
        console.Out.WriteLine(string.Create(invariant, $"runs/s    {summary.RunsPerSecond:F1}"));
        console.Out.WriteLine(string.Create(invariant, $"latency   p50 {summary.P50Ms:F3} ms, p95 {summary.P95Ms:F3} ms, p99 {summary.P99Ms:F3} ms"));
    }

    public static void WriteJson(BenchSummary summary, CliConsole console)
    {
        WriteReasons(summary, console);
        console.Out.WriteLine(JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", summary.Count);
            writer.WriteNumber("completed", summary.Completed);
            writer.WriteNumber("faulted", summary.Faulted);
            writer.WriteNumber("lost", summary.Lost);
            writer.WriteNumber("seconds", Math.Round(summary.Seconds, 3));
            writer.WriteNumber("runsPerSecond", Math.Round(summary.RunsPerSecond, 1));
            writer.WriteNumber("p50Ms", Math.Round(summary.P50Ms, 3));
            writer.WriteNumber("p95Ms", Math.Round(summary.P95Ms, 3));
            writer.WriteNumber("p99Ms", Math.Round(summary.P99Ms, 3));
            writer.WriteEndObject();
        }));
    }

    private static void WriteReasons(BenchSummary summary, CliConsole console)
    {
        if (summary.FirstFault is { } fault)
        {
            console.Error.WriteLine($"first fault: {fault.Kind}: {fault.Message}");
        }

        if (summary.Lost > 0)
        {
            console.Error.WriteLine($"first loss: {summary.FirstLoss ?? "the bench was interrupted before every run was answered."}");
        }
    }
}
