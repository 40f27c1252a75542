using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Worker.Broker;
using IsolatedRuntime.Worker.Telemetry;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Worker.Replies;

/// <summary>
/// Sends a request's answer along its <see cref="ReplyRoute"/>, once: to the reply queue through the default exchange,
/// or published to the outcome exchange. An answer that cannot be delivered is settled here — logged with its reason
/// and counted (<c>isolated_runtime.answers.undelivered</c>); its outcome is already in the result store — and never
/// thrown back into MassTransit, which would retry it and could close the worker's consuming channel each time.
/// Without a route (the in-memory transport of embedded mode) MassTransit's own response and publish are used.
/// </summary>
internal sealed partial class AnswerDelivery(BrokerFacts broker, WorkerMetrics metrics, ILogger<AnswerDelivery> logger)
{
    // Sent through the default exchange: MassTransit maps this pseudo-exchange to "" and declares nothing for it.
    private static readonly Uri _defaultExchange = new($"exchange:{DirectReplyName.Prefix}");

    // A send that fails at the broker is retried by MassTransit until it is cancelled; this bounds it. It is awaited
    // beside the send too: a send whose connection dies before its confirmation arrives ignores its token and never
    // completes (rabbitmq/rabbitmq-dotnet-client#1930), which would hold the consumer's slot for good.
    private static readonly TimeSpan _sendLimit = TimeSpan.FromSeconds(10);

    // A response outliving its request's deadline is useless to the requester; MassTransit gives it at least this long.
    private static readonly TimeSpan _shortestResponseLife = TimeSpan.FromSeconds(1);

    public Task DeliverAsync(ConsumeContext<RunRequested> context, RunReply reply)
    {
        if (!context.TryGetPayload(out ReplyRoute? route))
        {
            return MassTransitAnswerAsync(context, reply);
        }

        return (route.Kind, reply.Completed) switch
        {
            (ReplyRouteKind.Queue, { } completed) => SendAsync(context, completed, route),
            (ReplyRouteKind.Queue, null) => SendAsync(context, reply.Faulted!, route),
            (ReplyRouteKind.Publish, { } completed) => PublishAsync(context, completed),
            (ReplyRouteKind.Publish, null) => PublishAsync(context, reply.Faulted!),
            _ => Refused(context, route.Refusal!),
        };
    }

    // A response goes to the requester's own queue, which a broker restart empties whether the response was confirmed
    // or not, and the outcome is already stored: a requester that misses it retries under the same id and is answered
    // from the store. So a response to MassTransit's temporary queue is not confirmed (a broker round trip per
    // answer); one to a named queue is sent mandatory and confirmed, so that a missing queue is reported.
    private async Task SendAsync<T>(ConsumeContext<RunRequested> context, T message, ReplyRoute route)
        where T : class
    {
        using var limit = new CancellationTokenSource(_sendLimit);
        try
        {
            var endpoint = await context.ReceiveContext.SendEndpointProvider.GetSendEndpoint(_defaultExchange);
            await endpoint.Send(message, send =>
            {
                AsAnswer(send, context);
                send.RequestId = context.RequestId;
                send.SetRoutingKey(route.Queue);
                if (context.ExpirationTime is { } expires)
                {
                    var life = expires - DateTime.UtcNow;
                    send.TimeToLive = life > _shortestResponseLife ? life : _shortestResponseLife;
                }

                send.TrySetAwaitAck(route.Confirmed);
                if (route.Confirmed && send.TryGetPayload(out RabbitMqSendContext? rabbit))
                {
                    rabbit.Mandatory = true;
                }
            }, limit.Token).WaitAsync(limit.Token);
        }
        catch (MessageReturnedException)
        {
            Undelivered(context, "no_such_queue", $"No queue named '{route.Queue}' exists (it was never declared, or was deleted before the answer); the broker returned the answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || limit.IsCancellationRequested)
        {
            Undelivered(context, "broker_error", $"The answer to queue '{route.Queue}' could not be sent: {ex.Message}");
        }
    }

    // Published outcomes are confirmed before the request is acknowledged: durable subscribers rely on them.
    private async Task PublishAsync<T>(ConsumeContext<RunRequested> context, T message)
        where T : class
    {
        var exchange = OutcomeExchanges.NameOf<T>();
        if (broker.ExchangeProblem(exchange) is { } problem)
        {
            Undelivered(context, "outcome_exchange_unusable", $"The outcome exchange {exchange} cannot be published to: {problem}");
            return;
        }

        using var limit = new CancellationTokenSource(_sendLimit);
        try
        {
            var endpoint = await context.ReceiveContext.PublishEndpointProvider.GetPublishSendEndpoint<T>();
            await endpoint.Send(message, send => AsAnswer(send, context), limit.Token).WaitAsync(limit.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || limit.IsCancellationRequested)
        {
            broker.ExchangeFailed(exchange, ex.Message);
            Undelivered(context, "outcome_exchange_unusable", $"The outcome could not be published to {exchange}: {ex.Message}");
        }
    }

    private Task Refused(ConsumeContext<RunRequested> context, string refusal)
    {
        Undelivered(context, "refused_address", refusal);
        return Task.CompletedTask;
    }

    private void Undelivered(ConsumeContext<RunRequested> context, string reason, string detail)
    {
        metrics.Undelivered(reason);
        LogUndelivered(logger, context.Message.CorrelationId, detail);
    }

    // The conversation headers MassTransit puts on a response, without copying the request's other headers (a
    // producer's CC or BCC header would otherwise route the answer to more queues).
    private static void AsAnswer(SendContext send, ConsumeContext request)
    {
        send.SourceAddress = request.ReceiveContext.InputAddress;
        send.ConversationId = request.ConversationId;
        send.InitiatorId = request.CorrelationId ?? request.RequestId;
    }

    private static Task MassTransitAnswerAsync(ConsumeContext context, RunReply reply) => (context.ResponseAddress, reply.Completed) switch
    {
        (not null, { } completed) => context.RespondAsync(completed),
        (not null, null) => context.RespondAsync(reply.Faulted!),
        (null, { } completed) => context.Publish(completed, CancellationToken.None),
        (null, null) => context.Publish(reply.Faulted!, CancellationToken.None),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {CorrelationId}: its answer was not delivered, and its outcome is in the result store. {Detail}")]
    private static partial void LogUndelivered(ILogger logger, Guid correlationId, string detail);
}
