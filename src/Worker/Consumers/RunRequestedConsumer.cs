using System.Diagnostics;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using MassTransit;

namespace IsolatedRuntime.Worker;

/// <summary>
/// Answers a <see cref="RunRequested"/>: from the result store when it has the outcome, otherwise by running it and
/// storing the outcome. A request client gets a response; a published request has its outcome published.
/// </summary>
internal sealed class RunRequestedConsumer(RunClaims claims, SandboxRunner runner, WorkerMetrics metrics) : IConsumer<RunRequested>
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

        await using var ticket = await claims.BeginAsync(request, context.CancellationToken);
        var reply = ticket.Answer ?? await runner.RunAsync(request, context.CancellationToken);
        await ticket.CompleteAsync(reply, CancellationToken.None);
        await AnswerAsync(context, reply);
        metrics.Answered(Stopwatch.GetElapsedTime(started), ticket.Answer?.FromCache == true);
    }

    // A response goes to the requester's own temporary queue, which a broker restart empties whether the response was
    // confirmed or not, and the outcome is already stored: a requester that misses it retries under the same id and is
    // answered from the store. So the worker does not wait for the broker's confirm of a response (a broker round
    // trip per answer); a published outcome event, which durable subscribers rely on, is still confirmed.
    private static Task AnswerAsync(ConsumeContext context, RunReply reply) => (context.ResponseAddress, reply.Completed) switch
    {
        (not null, { } completed) => context.RespondAsync(completed, static send => send.TrySetAwaitAck(false)),
        (not null, null) => context.RespondAsync(reply.Faulted!, static send => send.TrySetAwaitAck(false)),
        (null, { } completed) => context.Publish(completed, CancellationToken.None),
        (null, null) => context.Publish(reply.Faulted!, CancellationToken.None),
    };
}
