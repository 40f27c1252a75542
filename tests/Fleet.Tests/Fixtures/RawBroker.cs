using System.Text;
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
