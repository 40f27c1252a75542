using System.CommandLine;
using IsolatedRuntime.Cli.Backends;
using IsolatedRuntime.Cli.Output;
using IsolatedRuntime.Contracts;

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

        var command = new Command("run", "Run one exported function and print its result (exit 0) or its fault (exit 1).");
        function.AddTo(command);
        backend.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(correlationId);

        command.SetAction(async (parsed, cancellationToken) =>
        {
            var request = function.ToRequest(parsed) with { CorrelationId = parsed.GetValue(correlationId) };
            await using var runner = RunBackendFactory.Create(backend.ToSettings(parsed, request, maxInFlight: 1));
            var result = await RunOrReportLossAsync(runner, request, cancellationToken);
            if (parsed.GetValue(json))
            {
                RunResultWriter.WriteJson(result, console);
            }
            else
            {
                RunResultWriter.WritePlain(result, console);
            }

            return result.IsCompleted ? ExitCodes.Completed : ExitCodes.Faulted;
        });
        return command;
    }

    // A run that got no answer is still reported in the documented shapes: Canceled when the person interrupted it
    // (a backend may give up on the answer rather than cancel the run), Internal otherwise.
    private static async Task<CliRunResult> RunOrReportLossAsync(IRunBackend runner, CliRunRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var message = $"'{request.FuncName}' in {request.File} was interrupted before it answered.";
            return new CliRunResult { Error = new CliRunError(RunErrorKind.Canceled, "CanceledError", message, null) };
        }
        catch (Exception ex)
        {
            var message = ex is RunLostException ? ex.Message : $"The runtime failed before the run was answered: {ex.Message}";
            return new CliRunResult { Error = new CliRunError(RunErrorKind.Internal, "InternalError", message, null) };
        }
    }
}
