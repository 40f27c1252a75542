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
    /// worker stops mid-run, so that the message goes back to the queue for another worker. A run canceled by its
    /// producer (<paramref name="canceledByProducer"/>) is answered <c>Canceled</c>.</summary>
    public async Task<RunReply> RunAsync(RunRequested request, CancellationToken cancellationToken, CancellationToken canceledByProducer = default)
    {
        var mapped = mapper.Map(request);
        if (mapped.Refusal is { } refusal)
        {
            LogRefused(logger, request.CorrelationId, refusal);
            return Reply(request.CorrelationId, RunOutcome.Faulted(RunErrorKind.InvalidRequest, "InvalidRequestError", refusal));
        }

        using var span = telemetry.Start(request);
        RunOutcome outcome;
        using var either = canceledByProducer.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, canceledByProducer)
            : null;
        try
        {
            outcome = await sandbox.RunAsync(mapped.Options!, either?.Token ?? cancellationToken);
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
            CpuMs = outcome.CpuTime.TotalMilliseconds,
            WorkerId = _workerId,
        })
        : RunReply.Of(new RunCompleted
        {
            CorrelationId = correlationId,
            Result = outcome.Items is null ? Json(outcome.Result) : null,
            Items = outcome.Items?.Select(Item).ToArray(),
            Logs = outcome.Logs,
            DurationMs = outcome.Duration.TotalMilliseconds,
            CpuMs = outcome.CpuTime.TotalMilliseconds,
            WorkerId = _workerId,
        });

    private static BatchItemOutcome Item(RunOutcome item) => new()
    {
        Result = item.Error is null ? Json(item.Result) : null,
        Error = item.Error is { } error
            ? new BatchItemError { Kind = error.Kind, ErrorName = error.Name, Message = error.Message, Stack = error.Stack }
            : null,
        Logs = item.Logs,
        DurationMs = item.Duration.TotalMilliseconds,
        CpuMs = item.CpuTime.TotalMilliseconds,
    };

    private static JsonElement Json(System.Text.Json.Nodes.JsonNode? result) =>
        result is null ? _jsonNull : JsonSerializer.SerializeToElement(result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {CorrelationId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Guid correlationId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {CorrelationId} failed inside the worker")]
    private static partial void LogSandboxFailed(ILogger logger, Guid correlationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {CorrelationId} of {FuncName} in {File} ran {DurationMs} ms; fault: {Fault}")]
    private static partial void LogRan(ILogger logger, Guid correlationId, string? funcName, string? file, RunErrorKind? fault, double durationMs);
}
