using System.CommandLine;
using System.Diagnostics;
using IsolatedRuntime.Cli.Backends;
using IsolatedRuntime.Cli.Bench;
using IsolatedRuntime.Cli.Output;

namespace IsolatedRuntime.Cli.Commands;

/// <summary>
/// <c>isolated-runtime bench</c>: sends a function many times with a fixed number in flight and reports throughput,
/// latency percentiles and how many runs completed, faulted or were lost — of the measured runs only: the fresh
/// process's first burst is reported on its own, and warm-up runs are not counted.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var function = new FunctionOptions();
        var backend = new BackendOptions();
        var count = OptionValidation.PositiveInteger<int>("--count", "How many runs to send.", "N", "10000");
        count.Required = true;
        var concurrency = OptionValidation.PositiveInteger<int>("--concurrency", "How many runs to keep in flight at once.", "C", "64");
        concurrency.Required = true;
        var warmup = OptionValidation.PositiveInteger<int>(
            "--warmup", "Runs sent after the first burst and not counted, so that the figures are of a warm process (default 0).", "N", "1000");
        var jsonOutput = new Option<bool>("--json")
        {
            Description = "No progress bar; end stdout with one JSON object: count, completed, faulted, lost, seconds, runsPerSecond, " +
                "p50Ms, p95Ms, p99Ms, maxMs, warmup, startUpSeconds, firstBurst.",
        };
        var correlationId = new Option<Guid?>("--correlation-id")
        {
            Description = "Send every run under this one id: after the first, each is answered from the result store (measures that path).",
            HelpName = "GUID",
        };

        var command = new Command("bench", "Send a function many times with a fixed number in flight; report throughput and latency.");
        function.AddTo(command);
        backend.AddTo(command);
        foreach (var option in (Option[])[count, concurrency, warmup, jsonOutput, correlationId])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = function.ToRequest(parsed) with { CorrelationId = parsed.GetValue(correlationId) };
            var inFlight = parsed.GetRequiredValue(concurrency)!.Value;
            var measuredCount = parsed.GetRequiredValue(count)!.Value;
            var warmupCount = parsed.GetValue(warmup) ?? 0;
            await using var runner = RunBackend.Create(backend.ToSettings(parsed, request, inFlight));
            var bench = new BenchRunner(runner, request, inFlight);
            var startUp = await StartAsync(runner, cancellationToken);

            // The fresh process's first runs, all at once: what a producer sees right after start-up. Never counted in
            // the figures, which are of a process past its start-up and warm-up.
            var firstBurst = new BenchRecorder(inFlight);
            var warmupRuns = new BenchRecorder(warmupCount);
            var measured = new BenchRecorder(measuredCount);
            var phases = new List<BenchPhase> { new($"first burst ({inFlight} at once)", firstBurst, () => bench.RunAsync(firstBurst, cancellationToken)) };
            if (warmupCount > 0)
            {
                phases.Add(new("warm-up (not counted)", warmupRuns, () => bench.RunAsync(warmupRuns, cancellationToken)));
            }

            phases.Add(new("measured", measured, () => bench.RunAsync(measured, cancellationToken)));
            var json = parsed.GetValue(jsonOutput);
            await BenchProgress.RunAsync(console, showProgress: !json, phases);

            var report = new BenchReport(startUp, firstBurst.Summarize(), warmupCount, measured.Summarize());
            if (json)
            {
                BenchSummaryWriter.WriteJson(report, console);
            }
            else
            {
                BenchSummaryWriter.WritePlain(report, console);
            }

            var summary = report.Measured;
            return summary.Completed == summary.Count ? ExitCodes.Completed : ExitCodes.Faulted;
        });
        return command;
    }

    // Timed apart from the runs, as a service's start-up is: the host, its bus, and its broker connection.
    private static async Task<TimeSpan> StartAsync(RunBackend runner, CancellationToken cancellationToken)
    {
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            await runner.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted while starting: every run is then lost, and the summary says so.
        }

        return Stopwatch.GetElapsedTime(startedAt);
    }
}
