using IsolatedRuntime.Sandbox;
using MassTransit;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace IsolatedRuntime.Worker;

/// <summary>
/// How the worker consumes: one queue per fleet, as many messages at once as the sandbox has threads, a bounded
/// prefetch, plain JSON accepted beside MassTransit's envelope, and retries only for the broker's transient faults
/// (a user's fault is an answer, never an exception, so it is never retried).
/// </summary>
internal sealed class RunRequestedConsumerDefinition : ConsumerDefinition<RunRequestedConsumer>
{
    private readonly int _prefetch;

    public RunRequestedConsumerDefinition(IOptions<WorkerOptions> worker, IOptions<SandboxOptions> sandbox)
    {
        var concurrency = worker.Value.ConcurrentMessageLimit ?? sandbox.Value.Pool.MaxThreads;
        EndpointName = worker.Value.QueueName;
        ConcurrentMessageLimit = concurrency;
        _prefetch = worker.Value.PrefetchCount ?? concurrency * 2;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RunRequestedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = _prefetch;
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);
        consumerConfigurator.UseMessageRetry(retry =>
        {
            retry.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
            retry.Handle<RabbitMqConnectionException>();
            retry.Handle<AlreadyClosedException>();
            retry.Handle<BrokerUnreachableException>();
        });
    }
}
