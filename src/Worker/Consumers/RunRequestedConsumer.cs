using System.Diagnostics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Worker.Admission;
using IsolatedRuntime.Worker.Cancellation;
using IsolatedRuntime.Worker.Replies;
using IsolatedRuntime.Worker.Results;
using IsolatedRuntime.Worker.Runs;
using IsolatedRuntime.Worker.Telemetry;
using MassTransit;

namespace IsolatedRuntime.Worker.Consumers;

/// <summary>
/// Answers a <see cref="RunRequested"/>: from the result store when it has the outcome, otherwise by running it and
/// storing the outcome. The answer goes where the request's <see cref="ReplyRoute"/> says: a reply queue, or published.
/// </summary>
internal sealed class RunRequestedConsumer(
    RunClaims claims,
    SandboxRunner runner,
    AnswerDelivery answers,
    RunCancellations cancellations,
    WorkerMetrics metrics,
    RunAdmission admission)
    : IConsumer<RunRequested>
{
    public async Task Consume(ConsumeContext<RunRequested> context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Message;
        if (request.CorrelationId == Guid.Empty)
        {
            throw new MalformedRunRequestException(
                "The RunRequested message has no correlationId; send a new GUID per request (it is the idempotency key).");
        }

        // Admission (src/Worker/Admission): a refusal is answered at once, before the result store and the sandbox.
        using var admitted = admission.Admit(context);
        if (admitted.Refusal is { } refusal)
        {
            await answers.DeliverAsync(context, refusal);
            return;
        }

        // Tracked from the start, so that a cancel arriving while the claim is taken still stops the run.
        using var cancel = cancellations.Track(request.CorrelationId);
        await using var ticket = await claims.BeginAsync(request, context.CancellationToken);
        var reply = ticket.Answer ?? admitted.Expire() ?? await runner.RunAsync(request, context.CancellationToken, cancel.Token);
        await ticket.CompleteAsync(reply, CancellationToken.None);
        admitted.Dispose();
        await answers.DeliverAsync(context, reply);
        if (ticket.Answer?.FromCache == true)
        {
            metrics.AnsweredFromStore();
        }

        metrics.Answered(Stopwatch.GetElapsedTime(started), ticket.Answer?.FromCache == true);
    }
}
