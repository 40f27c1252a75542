using System.Globalization;
using System.Text.Json;
using IsolatedRuntime.Cli.Bench;
using Spectre.Console;

namespace IsolatedRuntime.Cli.Output;

/// <summary>
/// Prints a bench's figures: a latency table on stdout, or with <c>--json</c> one JSON object as stdout's last line.
/// Why runs faulted or were lost goes to stderr either way.
/// </summary>
internal static class BenchSummaryWriter
{
    public static void WritePlain(BenchReport report, CliConsole console)
    {
        WriteReasons(report, console);
        var measured = report.Measured;
        var invariant = CultureInfo.InvariantCulture;
        var output = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Out),
            Interactive = InteractionSupport.No,
        });
        output.WriteLine(string.Create(invariant, $"runs      {measured.Count} ({measured.Completed} completed, {measured.Faulted} faulted, {measured.Lost} lost)"));
        output.WriteLine(string.Create(invariant, $"time      {measured.Seconds:F3} s ({report.WarmupRuns} warm-up runs before, not counted)"));
        output.WriteLine(string.Create(invariant, $"runs/s    {measured.RunsPerSecond:F1}"));
        if (measured.Items > 0)
        {
            output.WriteLine(string.Create(invariant, $"items     {measured.Items} ({measured.ItemsFaulted} faulted), {measured.ItemsPerSecond:F1} items/s"));
        }

        output.WriteLine(string.Create(invariant, $"start-up  {report.StartUp.TotalSeconds:F3} s (host and broker connection, before the first burst)"));

        var table = new Table().Border(TableBorder.Rounded).Caption("latency in ms, from send to answer");
        table.AddColumn("");
        foreach (var heading in (string[])["runs", "done after", "p50", "p95", "p99", "max"])
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        table.AddRow(Row("first burst", report.FirstBurst));
        table.AddRow(Row("measured", measured));
        output.Write(table);
        output.WriteLine();
    }

    public static void WriteJson(BenchReport report, CliConsole console)
    {
        WriteReasons(report, console);
        var measured = report.Measured;
        console.Out.WriteLine(JsonText.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", measured.Count);
            writer.WriteNumber("completed", measured.Completed);
            writer.WriteNumber("faulted", measured.Faulted);
            writer.WriteNumber("lost", measured.Lost);
            writer.WriteNumber("seconds", Math.Round(measured.Seconds, 3));
            writer.WriteNumber("runsPerSecond", Math.Round(measured.RunsPerSecond, 1));
            if (measured.Items > 0)
            {
                writer.WriteNumber("items", measured.Items);
                writer.WriteNumber("itemsFaulted", measured.ItemsFaulted);
                writer.WriteNumber("itemsPerSecond", Math.Round(measured.ItemsPerSecond, 1));
            }

            WriteLatencies(writer, measured);
            writer.WriteNumber("warmup", report.WarmupRuns);
            writer.WriteNumber("startUpSeconds", Math.Round(report.StartUp.TotalSeconds, 3));
            writer.WriteStartObject("firstBurst");
            writer.WriteNumber("count", report.FirstBurst.Count);
            writer.WriteNumber("completed", report.FirstBurst.Completed);
            writer.WriteNumber("faulted", report.FirstBurst.Faulted);
            writer.WriteNumber("lost", report.FirstBurst.Lost);
            writer.WriteNumber("seconds", Math.Round(report.FirstBurst.Seconds, 3));
            WriteLatencies(writer, report.FirstBurst);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }));
    }

    private static void WriteLatencies(Utf8JsonWriter writer, BenchSummary summary)
    {
        writer.WriteNumber("p50Ms", Math.Round(summary.P50Ms, 3));
        writer.WriteNumber("p95Ms", Math.Round(summary.P95Ms, 3));
        writer.WriteNumber("p99Ms", Math.Round(summary.P99Ms, 3));
        writer.WriteNumber("maxMs", Math.Round(summary.MaxMs, 3));
        writer.WriteNumber("durationP50Ms", Math.Round(summary.DurationP50Ms, 3));
    }

    private static string[] Row(string label, BenchSummary summary)
    {
        var invariant = CultureInfo.InvariantCulture;
        return
        [
            label,
            summary.Count.ToString(invariant),
            string.Create(invariant, $"{summary.Seconds:F3} s"),
            string.Create(invariant, $"{summary.P50Ms:F2}"),
            string.Create(invariant, $"{summary.P95Ms:F2}"),
            string.Create(invariant, $"{summary.P99Ms:F2}"),
            string.Create(invariant, $"{summary.MaxMs:F2}"),
        ];
    }

    private static void WriteReasons(BenchReport report, CliConsole console)
    {
        if ((report.FirstBurst.FirstFault ?? report.Measured.FirstFault) is { } fault)
        {
            console.Error.WriteLine($"first fault: {fault.Kind}: {fault.Message}");
        }

        foreach (var (phase, summary) in new[] { ("first burst", report.FirstBurst), ("measured", report.Measured) })
        {
            if (summary.Lost > 0)
            {
                console.Error.WriteLine($"first loss ({phase}): {summary.FirstLoss ?? "the bench was interrupted before every run was answered."}");
            }
        }
    }
}
