using System.Text.Json;
using IsolatedRuntime.Cli.Tests.Fixtures;

namespace IsolatedRuntime.Cli.Tests;

/// <summary>
/// <c>bench</c>: a first burst of C runs at once, then N measured runs with C in flight; figures on stdout, a progress
/// bar on stderr only for a person at a terminal.
/// </summary>
public sealed class BenchCommandTests
{
    private static readonly string[] _summaryKeys =
        ["count", "completed", "faulted", "lost", "seconds", "runsPerSecond", "p50Ms", "p95Ms", "p99Ms", "maxMs", "durationP50Ms", "warmup", "startUpSeconds", "firstBurst"];

    private static readonly string[] _firstBurstKeys =
        ["count", "completed", "faulted", "lost", "seconds", "p50Ms", "p95Ms", "p99Ms", "maxMs", "durationP50Ms"];

    [Fact]
    public async Task Bench_with_json_ends_stdout_with_the_summary_object_counting_every_run()
    {
        var cli = await Bench("hello", "add", count: 200, concurrency: 8, "--args", "[2, 3]", "--threads", "2", "--json");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        var summary = LastLineObject(cli);
        Assert.Equal(_summaryKeys, summary.EnumerateObject().Select(property => property.Name));
        Assert.Equal(200, summary.GetProperty("count").GetInt32());
        Assert.Equal(200, summary.GetProperty("completed").GetInt32());
        Assert.Equal(0, summary.GetProperty("faulted").GetInt32());
        Assert.Equal(0, summary.GetProperty("lost").GetInt32());
        Assert.True(summary.GetProperty("runsPerSecond").GetDouble() > 0);
        Assert.True(summary.GetProperty("p50Ms").GetDouble() <= summary.GetProperty("p95Ms").GetDouble());
        Assert.True(summary.GetProperty("p95Ms").GetDouble() <= summary.GetProperty("p99Ms").GetDouble());
        Assert.True(summary.GetProperty("p99Ms").GetDouble() <= summary.GetProperty("maxMs").GetDouble());
    }

    [Fact]
    public async Task The_first_burst_and_the_warm_up_are_reported_apart_from_the_measured_runs()
    {
        var cli = await Bench("hello", "add", count: 100, concurrency: 8, "--args", "[2, 3]", "--warmup", "40", "--json");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        var summary = LastLineObject(cli);
        var burst = summary.GetProperty("firstBurst");
        Assert.Equal(_firstBurstKeys, burst.EnumerateObject().Select(property => property.Name));
        Assert.Equal(8, burst.GetProperty("count").GetInt32());
        Assert.Equal(8, burst.GetProperty("completed").GetInt32());
        Assert.True(burst.GetProperty("seconds").GetDouble() > 0);
        Assert.True(burst.GetProperty("maxMs").GetDouble() <= burst.GetProperty("seconds").GetDouble() * 1000);
        Assert.Equal(40, summary.GetProperty("warmup").GetInt32());
        Assert.True(summary.GetProperty("startUpSeconds").GetDouble() > 0);
        Assert.Equal(100, summary.GetProperty("count").GetInt32());
        Assert.Equal(100, summary.GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task The_time_inside_the_sandbox_is_reported_beside_the_time_to_the_answer()
    {
        // Each run waits 30 ms on a timer: its own durationMs is at least that, and never more than send to answer.
        var cli = await Bench("async", "sleep", count: 8, concurrency: 4, "--args", "[30]", "--json");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        var summary = LastLineObject(cli);
        var inside = summary.GetProperty("durationP50Ms").GetDouble();
        Assert.InRange(inside, 29.0, summary.GetProperty("p50Ms").GetDouble());
    }

    [Fact]
    public async Task Runs_that_fault_are_counted_as_faulted_and_the_bench_exits_1()
    {
        var cli = await Bench("errors", "fail", count: 30, concurrency: 4, "--json");

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        var summary = LastLineObject(cli);
        Assert.Equal(0, summary.GetProperty("completed").GetInt32());
        Assert.Equal(30, summary.GetProperty("faulted").GetInt32());
        Assert.Equal(0, summary.GetProperty("lost").GetInt32());
        Assert.Contains("first fault: UserError", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_summary_ends_with_a_latency_table_of_the_first_burst_and_the_measured_runs()
    {
        var cli = await Bench("async", "double", count: 50, concurrency: 5, "--args", "[1]");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Contains("runs      50 (50 completed, 0 faulted, 0 lost)", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("runs/s", cli.Stdout, StringComparison.Ordinal);
        foreach (var heading in (string[])["p50", "p95", "p99", "max", "first burst", "measured"])
        {
            Assert.Contains(heading, cli.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Redirected_output_gets_plain_progress_lines_instead_of_a_progress_bar()
    {
        var cli = await Bench("async", "double", count: 50, concurrency: 5, "--args", "[1]");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        AssertPlainProgressLines(cli.Stderr);
        Assert.DoesNotContain("%", cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_a_terminal_each_phase_gets_a_progress_bar_on_stderr_and_stdout_keeps_only_the_summary()
    {
        var cli = await CommandLine.InvokeAsync(
            ["bench", "--root", CommandLine.Examples("async"), "--file", "index.js", "--func", "double", "--args", "[1]",
             "--count", "50", "--concurrency", "5", "--warmup", "10"],
            CancellationToken.None,
            interactive: true);

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        foreach (var phase in (string[])["first burst (5 at once)", "warm-up (not counted)", "measured", "100%"])
        {
            Assert.Contains(phase, cli.Stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("100%", cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_a_terminal_gets_plain_progress_lines_instead_of_a_progress_bar()
    {
        var cli = await CommandLine.InvokeAsync(
            ["bench", "--root", CommandLine.Examples("hello"), "--file", "index.js", "--func", "add", "--args", "[2, 3]",
             "--count", "20", "--concurrency", "4", "--json"],
            CancellationToken.None,
            interactive: true);

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        AssertPlainProgressLines(cli.Stderr);
        Assert.Single(cli.StdoutLines);
    }

    // One line per half second and phase, which logs keep and scripts can follow: never a bar or a percentage.
    private static void AssertPlainProgressLines(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(@"^bench: .+: \d+/\d+ answered \(\d+ completed, \d+ faulted\), \d+ runs/s$", line));
        Assert.Contains(lines, line => line.StartsWith("bench: measured: ", StringComparison.Ordinal));
    }

    private static Task<CliInvocation> Bench(string folder, string func, int count, int concurrency, params string[] more) =>
        CommandLine.InvokeAsync([
            "bench", "--root", CommandLine.Examples(folder), "--file", "index.js", "--func", func,
            "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture), .. more]);

    private static JsonElement LastLineObject(CliInvocation cli)
    {
        using var document = JsonDocument.Parse(cli.StdoutLines[^1]);
        return document.RootElement.Clone();
    }
}
