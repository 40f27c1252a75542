using System.Text.Json;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Requests;
using IsolatedRuntime.Worker.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Runs;

/// <summary>Runs one request in the sandbox and turns the outcome into the fleet's answer.</summary>
internal sealed partial class SandboxRunner(
    JsSandbox sandbox,
    RunRequestMapper mapper,
    WorkerMetrics metrics,
    RunTelemetry telemetry,
    IOptions<WorkerOptions> options,
    ILogger<SandboxRunner> logger)
{
    private static readonly JsonElement _jsonNull = JsonSerializer.SerializeToElement<object?>(null);
    private readonly string _workerId = options.Value.EffectiveWorkerId;

    /// <summary>Never throws for anything the request does; throws <see cref="OperationCanceledException"/> when the
    /// worker stops mid-run, so that the message goes back to the queue for another worker.</summary>
    public async Task<RunReply> RunAsync(RunRequested request, CancellationToken cancellationToken)
    {
        var mapped = mapper.Map(request);
        if (mapped.Refusal is { } refusal)
        {
            LogRefused(logger, request.CorrelationId, refusal);
            return Reply(request.CorrelationId, RunOutcome.Faulted(RunErrorKind.InvalidRequest, "InvalidRequestError", refusal));
        }

        using var span = telemetry.Start(request);
        RunOutcome outcome;
        try
        {
            outcome = await sandbox.RunAsync(mapped.Options!, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSandboxFailed(logger, request.CorrelationId, ex);
            outcome = RunOutcome.Faulted(RunErrorKind.Internal, "InternalError",
                "The worker failed to run the request. Nothing was cached: retry it with the same correlation id.");
        }

        if (outcome.Error?.Kind == RunErrorKind.Canceled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        metrics.Executed(outcome.Error?.Kind);
        span.Completed(outcome);
        LogRan(logger, request.CorrelationId, request.FuncName, request.File, outcome.Error?.Kind, outcome.Duration.TotalMilliseconds);
        return Reply(request.CorrelationId, outcome);
    }

    private RunReply Reply(Guid correlationId, RunOutcome outcome) => outcome.Error is { } error
        ? RunReply.Of(new RunFaulted
        {
            CorrelationId = correlationId,
            Kind = error.Kind,
            ErrorName = error.Name,
            Message = error.Message,
            Stack = error.Stack,
            Logs = outcome.Logs,
            DurationMs = outcome.Duration.TotalMilliseconds,
            WorkerId = _workerId,
        })
        : RunReply.Of(new RunCompleted
        {
            CorrelationId = correlationId,
            Result = outcome.Result is null ? _jsonNull : JsonSerializer.SerializeToElement(outcome.Result),
            Logs = outcome.Logs,
            DurationMs = outcome.Duration.TotalMilliseconds,
            WorkerId = _workerId,
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {CorrelationId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid correlationId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {CorrelationId} failed inside the worker")]
    private static partial void LogSandboxFailed(ILogger logger, Guid correlationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {CorrelationId} of {FuncName} in {File} ran {DurationMs} ms; fault: {Fault}")]
    private static partial void LogRan(ILogger logger, Guid correlationId, string? funcName, string? file, RunErrorKind? fault, double durationMs);
}
