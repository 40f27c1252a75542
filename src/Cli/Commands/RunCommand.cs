using System.CommandLine;
using IsolatedRuntime.Cli.Backends;
using IsolatedRuntime.Cli.Output;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Cli.Commands;

/// <summary><c>isolated-runtime run</c>: runs one function once and prints its outcome.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var function = new FunctionOptions();
        var backend = new BackendOptions();
        var json = new Option<bool>("--json")
        {
            Description = "Print exactly one JSON object on stdout: status, result or error, logs, durationMs.",
        };

        var correlationId = new Option<Guid?>("--correlation-id")
        {
            Description = "The run's idempotency key: the same id with the same request returns the one stored outcome.",
            HelpName = "GUID",
        };

        var command = new Command(
            "run", "Run one exported function and print its result (exit 0) or its fault (exit 1); with --args-batch, one outcome per item (exit 1 when any item faulted).");
        function.AddTo(command);
        backend.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(correlationId);

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = function.ToRequest(parsed) with { CorrelationId = parsed.GetValue(correlationId) };
            await using var runner = RunBackend.Create(backend.ToSettings(parsed, request, maxInFlight: 1));
            var (reply, answered) = await RunOrReportLossAsync(runner, request, cancellationToken);

            // Embedded runs name their id, cache use and worker only when asked for by id; a lost run has none.
            var identified = answered && (runner.IsFleet || request.CorrelationId is not null);
            if (parsed.GetValue(json))
            {
                RunResultWriter.WriteJson(reply, identified, console);
            }
            else
            {
                RunResultWriter.WritePlain(reply, console);
            }

            return RunResultWriter.AllCompleted(reply) ? ExitCodes.Completed : ExitCodes.Faulted;
        });
        return command;
    }

    // A run that got no answer is still reported in the documented shapes: Canceled when the person interrupted it
    // (a backend may give up on the answer rather than cancel the run), Internal otherwise.
    private static async Task<(RunReply Reply, bool Answered)> RunOrReportLossAsync(
        RunBackend runner, RunRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await runner.RunAsync(request, cancellationToken), true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var message = $"'{request.FuncName}' in {request.File} was interrupted before it answered.";
            return (Lost(RunErrorKind.Canceled, "CanceledError", message), false);
        }
        catch (Exception ex)
        {
            var message = ex is RunLostException ? ex.Message : $"The runtime failed before the run was answered: {ex.Message}";
            return (Lost(RunErrorKind.Internal, "InternalError", message), false);
        }
    }

    private static RunReply Lost(RunErrorKind kind, string name, string message) =>
        RunReply.Of(new RunFaulted { Kind = kind, ErrorName = name, Message = message });
}
