using System.Text.Json;
using IsolatedRuntime.Cli.Tests.Fixtures;

namespace IsolatedRuntime.Cli.Tests;

/// <summary><c>bench</c>: N runs with C in flight; figures on stdout, progress on stderr.</summary>
public sealed class BenchCommandTests
{
    private static readonly string[] _summaryKeys =
        ["count", "completed", "faulted", "lost", "seconds", "runsPerSecond", "p50Ms", "p95Ms", "p99Ms"];

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
    public async Task Progress_goes_to_stderr_and_the_plain_summary_to_stdout()
    {
        var cli = await Bench("async", "double", count: 50, concurrency: 5, "--args", "[1]");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Contains("bench: 50/50 answered", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("runs      50 (50 completed, 0 faulted, 0 lost)", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("runs/s", cli.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("bench:", cli.Stdout, StringComparison.Ordinal);
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
