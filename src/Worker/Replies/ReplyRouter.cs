using System.Text;
using IsolatedRuntime.Protocol.Connections;
using IsolatedRuntime.Worker.Broker;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Topology;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Replies;

/// <summary>
/// Decides where a request's answer goes, from its response address and its AMQP <c>reply_to</c>. Every answer goes
/// to a queue through the broker's default exchange (routing key = queue name): nothing is declared on the broker, so a
/// producer's address can never make the broker refuse the worker (a server-named <c>amq.gen-…</c> queue, which an
/// exchange declare would be refused for, simply works). An address the worker cannot answer is refused with the
/// reason, before the request runs.
/// </summary>
internal sealed class ReplyRouter
{
    // AMQP short strings (queue names, routing keys) hold at most 255 bytes.
    private const int _maxQueueNameBytes = 255;

    private readonly BrokerFacts _broker;
    private readonly string _virtualHost;
    private readonly HashSet<string> _workerQueues;

    public ReplyRouter(BrokerFacts broker, IOptions<WorkerConnections> connections, WorkQueueTopology topology)
    {
        _broker = broker;
        _virtualHost = RabbitMqConnection.Parse(connections.Value.RabbitMq).VirtualHost;

        // Listed tenants' queues too: an answer sent into one would reach a worker as a request it cannot read.
        _workerQueues = new HashSet<string>(topology.AllQueues, StringComparer.Ordinal);
    }

    /// <summary>The route of the request in <paramref name="context"/>.</summary>
    public ReplyRoute Route(ConsumeContext context) =>
        Route(context.ResponseAddress, context.TryGetPayload(out RabbitMqBasicConsumeContext? basic) ? basic.Properties.ReplyTo : null);

    /// <summary>The route for a response address (MassTransit envelope) and an AMQP <c>reply_to</c> property.</summary>
    public ReplyRoute Route(Uri? responseAddress, string? replyTo)
    {
        if (responseAddress is null)
        {
            // A raw RabbitMQ RPC request: no envelope address, the reply queue in the AMQP property.
            return string.IsNullOrEmpty(replyTo) ? ReplyRoute.Publish : ToQueue(replyTo, confirmed: true);
        }

        if (!responseAddress.IsAbsoluteUri)
        {
            return Refused(responseAddress, "it is not an absolute URI");
        }

        string name;
        var temporary = false;
        switch (responseAddress.Scheme)
        {
            case "queue":
                name = Uri.UnescapeDataString(responseAddress.AbsolutePath);
                break;
            case "rabbitmq" or "rabbitmqs" or "amqp" or "amqps":
                var path = responseAddress.AbsolutePath;
                var split = path.LastIndexOf('/');
                var virtualHost = split > 0 ? Uri.UnescapeDataString(path[1..split]) : "/";
                if (virtualHost != _virtualHost)
                {
                    return Refused(responseAddress, $"it names the virtual host '{virtualHost}', and this worker serves '{_virtualHost}' only");
                }

                name = Uri.UnescapeDataString(path[(split + 1)..]);
                foreach (var (key, value) in Query(responseAddress))
                {
                    if (key == "queue" && value.Length > 0)
                    {
                        name = value;
                    }

                    // MassTransit's own request clients answer on a temporary endpoint that lives as long as they do.
                    temporary |= key is "temporary" or "autodelete" && value.Equals("true", StringComparison.OrdinalIgnoreCase);
                }

                break;
            case "exchange":
                return Refused(responseAddress, "answers go to a queue, never to an exchange (subscribe to the outcome exchanges instead)");
            default:
                return Refused(responseAddress, $"its scheme '{responseAddress.Scheme}' is not rabbitmq://, amqp:// or queue:");
        }

        if (name == DirectReplyName.Prefix)
        {
            // MassTransit's direct reply-to convention: the address names the pseudo-queue, reply_to the requester.
            return string.IsNullOrEmpty(replyTo)
                ? Refused(responseAddress, "it names amq.rabbitmq.reply-to but the message carries no reply_to property")
                : ToQueue(replyTo, confirmed: false);
        }

        return ToQueue(name, confirmed: !temporary);
    }

    private ReplyRoute ToQueue(string queue, bool confirmed)
    {
        if (queue.Length == 0)
        {
            return ReplyRoute.Refused("The reply address names no queue.");
        }

        if (Encoding.UTF8.GetByteCount(queue) > _maxQueueNameBytes)
        {
            return ReplyRoute.Refused($"The reply queue name is longer than {_maxQueueNameBytes} bytes, so no queue can have it.");
        }

        if (_workerQueues.Contains(queue))
        {
            return ReplyRoute.Refused($"The reply queue '{queue}' is one of the workers' own queues.");
        }

        if (queue == DirectReplyName.Prefix)
        {
            return ReplyRoute.Refused($"The reply queue '{queue}' is the direct reply-to pseudo-queue itself, which the broker replaces by a full name only on the requester's own channel.");
        }

        if (DirectReplyName.IsDirectReply(queue))
        {
            // A direct reply-to name reaches a live requester or is dropped; the broker's confirm tells neither apart.
            return _broker.AcceptsDirectReply(queue, out var problem)
                ? ReplyRoute.ToQueue(queue, confirmed: false)
                : ReplyRoute.Refused($"The reply queue {problem}.");
        }

        return ReplyRoute.ToQueue(queue, confirmed);
    }

    private static ReplyRoute Refused(Uri address, string reason) =>
        ReplyRoute.Refused($"The response address '{address}' cannot be answered: {reason}.");

    private static IEnumerable<(string Key, string Value)> Query(Uri address) =>
        address.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Uri.UnescapeDataString(pair[0]).ToLowerInvariant(), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : ""));
}
