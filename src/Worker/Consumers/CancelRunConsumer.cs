using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Results;
using IsolatedRuntime.Worker.Cancellation;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Results;
using IsolatedRuntime.Worker.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Consumers;

/// <summary>
/// Cancels a run on every worker (each has its own queue for <see cref="CancelRun"/>): stores a <c>Canceled</c>
/// outcome for the id unless it has one, so that the request is answered without running wherever it is taken from
/// the queue, and interrupts the run if this worker is running it.
/// </summary>
internal sealed partial class CancelRunConsumer(
    RunCancellations cancellations,
    IRunResultStore store,
    WorkerMetrics metrics,
    IOptions<WorkerOptions> options,
    ILogger<CancelRunConsumer> logger) : IConsumer<CancelRun>
{
    private readonly string _workerId = options.Value.EffectiveWorkerId;

    public async Task Consume(ConsumeContext<CancelRun> context)
    {
        var correlationId = context.Message.CorrelationId;
        if (correlationId == Guid.Empty)
        {
            // Nothing to answer to: a cancel has no reply. Logged so that the producer's mistake can be found.
            LogNoId(logger);
            return;
        }

        // Stored before the run is interrupted, so that no copy of the request can start in between on any worker.
        var canceled = new StoredRunOutcome(StoredRunOutcome.CanceledFingerprint, RunReply.Of(new RunFaulted
        {
            CorrelationId = correlationId,
            Kind = RunErrorKind.Canceled,
            ErrorName = "CanceledError",
            Message = $"Run {correlationId} was canceled by its producer (CancelRun) before it ran.",
            WorkerId = _workerId,
        }));
        var stored = await store.StoreIfAbsentAsync(correlationId, canceled, context.CancellationToken);
        var interrupted = cancellations.Cancel(correlationId);
        metrics.CancelReceived(interrupted);
        LogCanceled(logger, correlationId, interrupted, stored);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A CancelRun without a correlationId was ignored: send the id of the run to cancel")]
    private static partial void LogNoId(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancel of run {CorrelationId}: running here {Interrupted}, canceled outcome stored {Stored}")]
    private static partial void LogCanceled(ILogger logger, Guid correlationId, bool interrupted, bool stored);
}
