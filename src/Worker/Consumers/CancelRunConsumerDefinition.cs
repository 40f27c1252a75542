using IsolatedRuntime.Worker.Options;
using MassTransit;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Consumers;

/// <summary>
/// Every worker consumes <see cref="Contracts.CancelRun"/> from a queue of its own, bound to the message's exchange,
/// so that each one hears every cancel (the run may be in any worker's hands). The queue is temporary: it goes away
/// with the worker, and a cancel published while no worker runs is still honoured through the stored outcome.
/// </summary>
internal sealed class CancelRunConsumerDefinition : ConsumerDefinition<CancelRunConsumer>
{
    public CancelRunConsumerDefinition(IOptions<WorkerOptions> worker)
    {
        var queue = worker.Value.QueueName;
        Endpoint(endpoint =>
        {
            endpoint.Name = $"{queue}.cancel.{Guid.NewGuid().ToString("N")}";
            endpoint.Temporary = true;
            endpoint.PrefetchCount = 16;
        });
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CancelRunConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // A cancel that cannot be handled (the store down) is worth nothing later: no Fault events, no error queue.
        endpointConfigurator.PublishFaults = false;
        endpointConfigurator.DiscardFaultedMessages();
    }
}
