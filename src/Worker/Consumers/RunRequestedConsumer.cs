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

    private static Task AnswerAsync(ConsumeContext context, RunReply reply) => (context.ResponseAddress, reply.Completed) switch
    {
        (not null, { } completed) => context.RespondAsync(completed),
        (not null, null) => context.RespondAsync(reply.Faulted!),
        (null, { } completed) => context.Publish(completed, CancellationToken.None),
        (null, null) => context.Publish(reply.Faulted!, CancellationToken.None),
    };
}
