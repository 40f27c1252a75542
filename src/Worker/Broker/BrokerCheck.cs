using System.Text;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Replies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IsolatedRuntime.Worker.Broker;

/// <summary>
/// Talks to the broker on a short connection of its own, apart from MassTransit's: declares the outcome exchanges
/// (durable fanout) before the bus starts, so subscribers can bind before the first outcome; notices an outcome
/// exchange declared with another type (a refusal that would otherwise close the worker's consuming channel on every
/// publish); and learns the broker's version and its direct reply-to node. Runs at start, then every 30 s and at
/// once after a publish failed.
/// </summary>
internal sealed partial class BrokerCheck(BrokerFacts facts, IOptions<WorkerConnections> connections, ILogger<BrokerCheck> logger)
    : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan _startLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan _recheckInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private Task _rechecks = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_startLimit);
        await CheckAsync(limit.Token);
        _rechecks = RecheckAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _rechecks.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _stopping.Dispose();
    }

    private async Task RecheckAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Also when all is well: an outcome exchange deleted and declared again with another type would
                // otherwise be found only when MassTransit declares it again, on a new consuming channel.
                await facts.WaitForCheckRequestAsync(_recheckInterval, stopping);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                limit.CancelAfter(_startLimit);
                await CheckAsync(limit.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var wasUnusable = OutcomeExchanges.All.Where(exchange => facts.ExchangeProblem(exchange) is not null).ToList();
        try
        {
            var factory = new ConnectionFactory
            {
                Uri = new Uri(connections.Value.RabbitMq!),
                ClientProvidedName = "isolated-runtime worker: broker check",
                AutomaticRecoveryEnabled = false,
            };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            var version = BrokerVersion(connection);
            var replyNode = await LearnReplyNodeAsync(connection, cancellationToken);
            var exchanges = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var exchange in OutcomeExchanges.All)
            {
                exchanges[exchange] = await DeclareAsync(connection, exchange, cancellationToken);
            }

            facts.Record(version, replyNode, exchanges);
            foreach (var (exchange, problem) in exchanges)
            {
                if (problem is not null && !wasUnusable.Contains(exchange))
                {
                    LogUnusableExchange(logger, exchange, problem);
                }
                else if (wasUnusable.Contains(exchange))
                {
                    LogExchangeUsableAgain(logger, exchange);
                }
            }

            if (replyNode is null)
            {
                LogNoReplyNode(logger, version?.ToString() ?? "unknown");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            LogCheckFailed(logger, ex.Message, ex);
        }
    }

    private static Version? BrokerVersion(IConnection connection) =>
        connection.ServerProperties?.TryGetValue("version", out var value) == true && value is byte[] bytes &&
        Version.TryParse(Encoding.UTF8.GetString(bytes).Split('+', '-')[0], out var version) ? version : null;

    // The broker rewrites reply_to = amq.rabbitmq.reply-to on a channel that consumes from it into a full name whose
    // pid part carries this node's hash: publish one such message to a private queue and read the name back.
    private static async Task<long?> LearnReplyNodeAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.BasicConsumeAsync(DirectReplyName.Prefix, autoAck: true, new AsyncDefaultBasicConsumer(channel), cancellationToken);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        await channel.BasicPublishAsync("", queue.QueueName, false, new BasicProperties { ReplyTo = DirectReplyName.Prefix },
            ReadOnlyMemory<byte>.Empty, cancellationToken);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await channel.BasicGetAsync(queue.QueueName, autoAck: true, cancellationToken) is { } message)
            {
                return message.BasicProperties.ReplyTo is { } name && DirectReplyName.IsDirectReply(name)
                    ? DirectReplyName.NodeHash(name, out _)
                    : null;
            }

            await Task.Delay(20, cancellationToken);
        }

        return null;
    }

    // Declared exactly as MassTransit declares a publish exchange, so the two never disagree; a refusal (another type,
    // or no permission) closes only this check's channel.
    private static async Task<string?> DeclareAsync(IConnection connection, string exchange, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.ExchangeDeclareAsync(exchange, OutcomeExchanges.Type, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            return null;
        }
        catch (OperationInterruptedException ex)
        {
            return ex.ShutdownReason?.ReplyText ?? ex.Message;
        }
        finally
        {
            try
            {
                await channel.DisposeAsync();
            }
            catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException)
            {
                // The broker closed the channel with its refusal.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outcomes cannot be published to the exchange {Exchange}: {Problem}. Outcomes of published requests are stored but not published until it is a durable fanout exchange again (delete it; the worker declares it within 30 s)")]
    private static partial void LogUnusableExchange(ILogger logger, string exchange, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "The outcome exchange {Exchange} is usable again")]
    private static partial void LogExchangeUsableAgain(ILogger logger, string exchange);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker (RabbitMQ {Version}) issued no direct reply-to name to this worker's check: answers to amq.rabbitmq.reply-to names are refused on brokers before 3.12")]
    private static partial void LogNoReplyNode(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker check failed ({Reason}); it is tried again every 30 s. Until it succeeds the outcome exchanges are not known to exist before the first outcome, and direct reply-to names are refused on brokers before 3.12")]
    private static partial void LogCheckFailed(ILogger logger, string reason, Exception exception);
}
