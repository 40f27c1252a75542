using System.Text.Json;
using IsolatedRuntime.Cli.Tests.Fixtures;

namespace IsolatedRuntime.Cli.Tests;

/// <summary>Ctrl+C (or SIGTERM) cancels: the command still answers in its documented shape, with exit code 1.</summary>
public sealed class InterruptTests
{
    [Fact]
    public async Task An_interrupted_run_answers_Canceled_in_one_json_object()
    {
        // The budget is short because the embedded bus lets the abandoned run finish (here: time out) before it stops.
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        string[] args = ["run", "--root", CommandLine.Examples("loop"), "--file", "index.js", "--func", "spin", "--timeout", "3000", "--json"];

        var cli = await CommandLine.InvokeAsync(args, interrupt.Token);

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(cli.StdoutLines));
        Assert.Equal("Canceled", json.RootElement.GetProperty("error").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_interrupted_bench_still_prints_its_figures_with_unanswered_runs_lost()
    {
        // 1,000 runs of 200 ms with 10 in flight would take 20 s; the interrupt comes long before.
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        string[] args =
        [
            "bench", "--root", CommandLine.Examples("async"), "--file", "index.js", "--func", "sleep", "--args", "[200]",
            "--count", "1000", "--concurrency", "10", "--json",
        ];

        var cli = await CommandLine.InvokeAsync(args, interrupt.Token);

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        using var json = JsonDocument.Parse(cli.StdoutLines[^1]);
        var summary = json.RootElement;
        var (completed, faulted, lost) = (summary.GetProperty("completed").GetInt32(), summary.GetProperty("faulted").GetInt32(), summary.GetProperty("lost").GetInt32());
        Assert.Equal(1000, completed + faulted + lost);
        Assert.Equal(0, faulted);
        Assert.True(lost > 0, $"lost = {lost}");
        Assert.Contains("interrupted", cli.Stderr, StringComparison.Ordinal);
    }
}
