using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Replies;
using IsolatedRuntime.Worker.Requests;
using IsolatedRuntime.Worker.Topology;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace IsolatedRuntime.Worker.Consumers;

/// <summary>
/// How the worker consumes: one queue per fleet, <see cref="MessagesPerThread"/> messages at once per sandbox thread,
/// a prefetch of as many, plain JSON accepted beside MassTransit's envelope, bodies over the request cap refused
/// unread, reply addresses replaced by the worker's own <see cref="ReplyRoute"/> (on RabbitMQ), no <c>Fault</c>
/// events, and retries only for the broker's transient faults (a user's fault is an answer, never an exception, so it
/// is never retried).
/// </summary>
internal sealed class RunRequestedConsumerDefinition : ConsumerDefinition<RunRequestedConsumer>
{
    /// <summary>
    /// Messages consumed at once per sandbox thread, by default. A message spends most of its time in the worker off
    /// the sandbox thread (the result store's round trips, the answer to the broker), so a thread needs several
    /// messages in flight to stay busy; a message waiting for a thread holds no thread, and its run's budget starts
    /// only when user code starts. Kept small so that a worker does not hoard a CPU-bound backlog a new worker could take.
    /// </summary>
    public const int MessagesPerThread = 4;

    private readonly int _prefetch;
    private readonly long _maxRequestBytes;
    private readonly WorkQueueTopology _topology;
    private readonly ReplyRouter? _replies;

    public RunRequestedConsumerDefinition(
        IOptions<WorkerOptions> worker, IOptions<SandboxOptions> sandbox, WorkQueueTopology topology, ReplyRouter? replies = null)
    {
        _maxRequestBytes = worker.Value.EffectiveMaxRequestBytes;
        _topology = topology;
        _replies = replies;
        var concurrency = worker.Value.ConcurrentMessageLimit ?? sandbox.Value.Pool.MaxThreads * MessagesPerThread;
        EndpointName = worker.Value.QueueName;
        ConcurrentMessageLimit = concurrency;

        // More prefetched than consumed would only wait in this worker's memory, out of reach of the other workers.
        _prefetch = worker.Value.PrefetchCount ?? concurrency;
    }

    /// <summary>Messages the broker hands this worker before it acknowledges them.</summary>
    internal int PrefetchCount => _prefetch;

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RunRequestedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.PrefetchCount = _prefetch;
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            _topology.Configure(rabbit);
        }

        endpointConfigurator.AddDeserializer(new SizeCappedSerializerFactory(new SystemTextJsonMessageSerializerFactory(), _maxRequestBytes), isDefault: true);
        endpointConfigurator.AddDeserializer(
            new SizeCappedSerializerFactory(new SystemTextJsonRawMessageSerializerFactory(RawSerializerOptions.AnyMessageType), _maxRequestBytes));

        // A message the worker cannot use lands in the error queue with its reason; a Fault event about it would go to
        // an exchange nobody reads, or to a producer-given address.
        endpointConfigurator.PublishFaults = false;
        if (_replies is not null)
        {
            endpointConfigurator.UseFilter(new ReplyRouteFilter(_replies));
        }

        consumerConfigurator.UseMessageRetry(retry =>
        {
            retry.Intervals(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
            retry.Handle<RabbitMqConnectionException>();
            retry.Handle<AlreadyClosedException>();
            retry.Handle<BrokerUnreachableException>();
        });
    }
}
