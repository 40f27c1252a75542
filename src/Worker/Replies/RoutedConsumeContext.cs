using IsolatedRuntime.Contracts;
using MassTransit;
using MassTransit.Context;

namespace IsolatedRuntime.Worker.Replies;

/// <summary>
/// The request as the consumer sees it on RabbitMQ: the producer's response and fault addresses hidden, the worker's
/// <see cref="ReplyRoute"/> in their place (a payload). MassTransit sends a <c>Fault</c> to those addresses when a
/// consumer throws, declaring an exchange of the address's name; hiding them means no producer-given address ever
/// reaches the broker, where a refused declare would close the worker's consuming channel.
/// </summary>
internal sealed class RoutedConsumeContext : ConsumeContextProxy<RunRequested>
{
    public RoutedConsumeContext(ConsumeContext<RunRequested> context, ReplyRoute route)
        : base(context) => GetOrAddPayload(() => route);

    public override Uri? ResponseAddress => null;

    public override Uri? FaultAddress => null;
}
