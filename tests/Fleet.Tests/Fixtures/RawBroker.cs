using System.Text;
using IsolatedRuntime.Protocol.Routing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Talks to RabbitMQ without MassTransit, as a producer in another language would.</summary>
public sealed class RawBroker : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private RawBroker(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static Task<RawBroker> ConnectAsync(FleetServices services) => ConnectAsync(services.RabbitMq);

    public static async Task<RawBroker> ConnectAsync(string rabbitMq)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(rabbitMq) }.CreateConnectionAsync();
        return new RawBroker(connection, await connection.CreateChannelAsync());
    }

    /// <summary>Puts <paramref name="body"/> straight into <paramref name="queue"/>.</summary>
    public async Task SendAsync(string queue, string body, string contentType) =>
        await _channel.BasicPublishAsync("", queue, false, new BasicProperties { ContentType = contentType, MessageId = Guid.NewGuid().ToString() },
            Encoding.UTF8.GetBytes(body));

    /// <summary>Puts <paramref name="body"/> into <paramref name="queue"/> with AMQP properties of the caller's choosing.</summary>
    public async Task SendAsync(string queue, string body, BasicProperties properties) =>
        await _channel.BasicPublishAsync("", queue, false, properties, Encoding.UTF8.GetBytes(body));

    /// <summary>Declares a server-named, exclusive, auto-delete queue (<c>amq.gen-…</c>), the usual RPC reply queue.</summary>
    public async Task<string> DeclareReplyQueueAsync() =>
        (await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;

    /// <summary>Declares a durable queue with the given name, as a service's own reply queue would be.</summary>
    public async Task DeclareQueueAsync(string queue) =>
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);

    /// <summary>Declares a durable exchange of <paramref name="type"/>, as a subscriber might before the workers start.</summary>
    public async Task DeclareExchangeAsync(string exchange, string type) =>
        await _channel.ExchangeDeclareAsync(exchange, type, durable: true, autoDelete: false);

    /// <summary>
    /// True when <paramref name="exchange"/> exists with <paramref name="type"/>, durable: declaring it so again is
    /// accepted. Asked on a channel of its own, which the broker closes when the answer is no.
    /// </summary>
    public async Task<bool> ExchangeExistsAsync(string exchange, string type)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            await channel.ExchangeDeclarePassiveAsync(exchange);
            await channel.ExchangeDeclareAsync(exchange, type, durable: true, autoDelete: false);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the tenants' exchange of <paramref name="queue"/> exists exactly as a producer in another language
    /// declares it (docs/fleet.md, "Tenants"): durable, direct, with the work queue's exchange as alternate exchange.
    /// </summary>
    public async Task<bool> TenantExchangeExistsAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            await channel.ExchangeDeclarePassiveAsync(TenantRoutes.Exchange(queue));
            await channel.ExchangeDeclareAsync(TenantRoutes.Exchange(queue), ExchangeType.Direct, durable: true, autoDelete: false,
                arguments: new Dictionary<string, object?> { [TenantRoutes.AlternateExchangeArgument] = queue });
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return false;
        }
    }

    public async Task DeleteExchangeAsync(string exchange) => await _channel.ExchangeDeleteAsync(exchange);

    public async Task DeleteQueueAsync(string queue) => await _channel.QueueDeleteAsync(queue);

    /// <summary>Waits for the next message in an existing <paramref name="queue"/>; null when none arrives in time.</summary>
    public async Task<BasicGetResult?> TryGetAsync(string queue, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        do
        {
            if (await _channel.BasicGetAsync(queue, autoAck: true) is { } message)
            {
                return message;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }

    /// <summary>Waits for the next message in <paramref name="queue"/>; returns its body and its headers as text.</summary>
    public async Task<(string Body, IReadOnlyDictionary<string, string> Headers)> ReceiveAsync(string queue, TimeSpan within)
    {
        // Declared as the worker declares its error queues (quorum, its default), so that polling before the first error
        // finds it.
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var message = await _channel.BasicGetAsync(queue, autoAck: true);
            if (message is not null)
            {
                var headers = (message.BasicProperties.Headers ?? new Dictionary<string, object?>())
                    .ToDictionary(header => header.Key, header => header.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : $"{header.Value}");
                return (Encoding.UTF8.GetString(message.Body.Span), headers);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Nothing arrived in queue {queue} within {within}.");
    }

    /// <summary>
    /// Messages in a durable queue that may not exist yet (an error queue before its first error): 0 then. Passive, so
    /// it works whatever type (classic or quorum) the worker gave the queue.
    /// </summary>
    public async Task<uint> MessageCountOfDurableAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    /// <summary>Declares <paramref name="queue"/> as a classic queue, as workers did before quorum queues.</summary>
    public async Task DeclareClassicAsync(string queue) =>
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);

    /// <summary>
    /// <c>quorum</c> or <c>classic</c>, or null when <paramref name="queue"/> does not exist. AMQP does not report a queue's
    /// type: a declare as quorum is accepted by a quorum queue and refused by a classic one.
    /// </summary>
    public async Task<string?> QueueTypeAsync(string queue)
    {
        await using (var channel = await _connection.CreateChannelAsync())
        {
            try
            {
                await channel.QueueDeclarePassiveAsync(queue);
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
            {
                return null;
            }
        }

        await using var probe = await _connection.CreateChannelAsync();
        try
        {
            await probe.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            return "quorum";
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 406)
        {
            return "classic";
        }
    }

    /// <summary>Messages waiting in <paramref name="queue"/> (ready, not handed to a consumer).</summary>
    public async Task<uint> MessageCountAsync(string queue) => await _channel.MessageCountAsync(queue);

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
