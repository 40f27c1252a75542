using System.CommandLine;
using IsolatedRuntime.Cli.Backends;
using IsolatedRuntime.Cli.Bench;
using IsolatedRuntime.Cli.Output;

namespace IsolatedRuntime.Cli.Commands;

/// <summary>
/// <c>isolated-runtime bench</c>: sends a function many times with a fixed number in flight and reports throughput,
/// latency percentiles and how many runs completed, faulted or were lost.
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
        var warmup = OptionValidation.PositiveInteger<int>("--warmup", "Runs sent first and not counted, so start-up costs stay out of the figures (default 0).", "N", "1000");
        var json = new Option<bool>("--json")
        {
            Description = "End stdout with one JSON object: count, completed, faulted, lost, seconds, runsPerSecond, p50Ms, p95Ms, p99Ms.",
        };
        var correlationId = new Option<Guid?>("--correlation-id")
        {
            Description = "Send every run under this one id: after the first, each is answered from the result store (measures that path).",
            HelpName = "GUID",
        };

        var command = new Command("bench", "Send a function many times with a fixed number in flight; report throughput and latency.");
        function.AddTo(command);
        backend.AddTo(command);
        foreach (var option in (Option[])[count, concurrency, warmup, json, correlationId])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var template = function.ToRequest(parsed) with { CorrelationId = parsed.GetValue(correlationId) };
            var inFlight = parsed.GetRequiredValue(concurrency)!.Value;
            await using var runner = RunBackendFactory.Create(backend.ToSettings(parsed, template, inFlight));
            var bench = new BenchRunner(runner, FreshCopies(template), inFlight);
            if (parsed.GetValue(warmup) is { } warmupCount)
            {
                await bench.RunAsync(new BenchRecorder(warmupCount), cancellationToken);
            }

            var recorder = new BenchRecorder(parsed.GetRequiredValue(count)!.Value);
            await using (new BenchProgress(recorder, console))
            {
                await bench.RunAsync(recorder, cancellationToken);
            }

            var summary = recorder.Summarize();
            if (parsed.GetValue(json))
            {
                BenchSummaryWriter.WriteJson(summary, console);
            }
            else
            {
                BenchSummaryWriter.WritePlain(summary, console);
            }

            return summary.Completed == summary.Count ? ExitCodes.Completed : ExitCodes.Faulted;
        });
        return command;
    }

    // A parsed JsonNode materializes lazily and is not safe to read from many runs at once: each run gets its own copy.
    private static Func<CliRunRequest> FreshCopies(CliRunRequest template)
    {
        var args = template.Args?.ToJsonString();
        var context = template.Context?.ToJsonString();
        var resolverOptions = template.ResolverOptions?.ToJsonString();
        return () => template with
        {
            Args = args is null ? null : System.Text.Json.Nodes.JsonNode.Parse(args)!.AsArray(),
            Context = context is null ? null : System.Text.Json.Nodes.JsonNode.Parse(context)!.AsObject(),
            ResolverOptions = resolverOptions is null ? null : System.Text.Json.Nodes.JsonNode.Parse(resolverOptions),
        };
    }
}
