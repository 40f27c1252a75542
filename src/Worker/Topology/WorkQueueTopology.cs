using IsolatedRuntime.Protocol.Connections;
using IsolatedRuntime.Protocol.Routing;
using IsolatedRuntime.Worker.Admission;
using IsolatedRuntime.Worker.Options;
using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace IsolatedRuntime.Worker.Topology;

/// <summary>
/// The worker's queues on RabbitMQ. The work queue, shared by every tenant the operator has not listed; a queue of its
/// own for each listed tenant (<see cref="TenantOptions.Limits"/>), bound to the tenants' direct exchange
/// (<see cref="TenantRoutes"/>) with the tenant's name, so that a listed tenant's backlog never sits in front of other
/// tenants' requests; and each one's error queue (<c>_error</c>) and dead-letter queue (<c>_skipped</c>). Their types
/// are decided once, when the bus is built, from <see cref="WorkerOptions.QueueType"/> and what the broker already has.
/// A queue's type cannot change in place: declaring an existing queue with another type is refused by the broker, so
/// <see cref="QueueType.Auto"/> keeps an existing queue's type and makes new ones quorum.
/// </summary>
internal sealed partial class WorkQueueTopology(IOptions<WorkerOptions> options, IOptions<TenantOptions> tenants, ILogger<WorkQueueTopology> logger)
{
    private const string _queueTypeArgument = "x-queue-type";

    // Long enough for a busy broker, short enough that a worker whose broker is away still starts (and reconnects).
    private static readonly TimeSpan _checkTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, QueueType> _types = new(StringComparer.Ordinal);

    private string Queue => options.Value.QueueName;

    /// <summary>Each listed tenant and its queue, in the order of the names.</summary>
    public IReadOnlyList<(string Tenant, string Queue)> TenantQueues { get; } = tenants.Value.Limits.Keys
        .Order(StringComparer.Ordinal)
        .Select(tenant => (tenant, TenantRoutes.Queue(options.Value.QueueName, tenant)))
        .ToList();

    /// <summary>
    /// Every queue the worker consumes or fails messages into: the shared work queue and each listed tenant's, each
    /// with its error (<c>_error</c>) and dead-letter (<c>_skipped</c>) queue. No producer's answer may go to one.
    /// </summary>
    public IReadOnlyList<string> AllQueues => field ??= [.. TenantQueues.Select(tenant => tenant.Queue).Prepend(Queue)
        .SelectMany(queue => new[] { queue, $"{queue}_error", $"{queue}_skipped" })];

    /// <summary>
    /// Decides the types of every queue (checking the broker for those that exist) and has the bus declare the error
    /// and dead-letter queues with them; the work queues take theirs in <see cref="Configure"/>.
    /// </summary>
    /// <exception cref="OptionsValidationException">A queue exists with another type than an explicit setting asks for.</exception>
    public void Apply(IRabbitMqBusFactoryConfigurator bus, RabbitMqConnection connection)
    {
        var wanted = options.Value.QueueType;
        var queues = AllQueues;
        var existing = Existing(connection, queues);
        var failures = new List<string>();
        foreach (var queue in queues)
        {
            QueueType? found = existing is not null && existing.TryGetValue(queue, out var type) ? type : null;
            _types[queue] = wanted == QueueType.Auto ? found ?? QueueType.Quorum : wanted;
            if (found is { } existingType && wanted != QueueType.Auto && existingType != wanted)
            {
                failures.Add(
                    $"IsolatedRuntime:QueueType is {wanted}, but queue '{queue}' exists as a {existingType.ToString().ToLowerInvariant()} " +
                    "queue, and a queue's type cannot change in place. Set IsolatedRuntime__QueueType=Auto to keep the queue as " +
                    "it is, or move its messages to a new queue (docs/operations.md, \"Moving a classic queue to quorum\").");
            }
            else if (found == QueueType.Classic && wanted == QueueType.Auto)
            {
                LogKeptClassic(logger, queue);
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(WorkerOptions), failures);
        }

        var errorType = _types[$"{Queue}_error"];
        LogTypes(logger, Queue, _types[Queue], errorType);
        var exchange = TenantRoutes.Exchange(Queue);
        foreach (var (tenant, queue) in TenantQueues)
        {
            LogTenantQueue(logger, tenant, queue, _types[queue], exchange);
        }

        bus.SendTopology.ConfigureErrorSettings = ConfigureByName;
        bus.SendTopology.ConfigureDeadLetterSettings = ConfigureByName;
    }

    /// <summary>Gives a work queue (the shared one or a tenant's) its type.</summary>
    public void Configure(IRabbitMqReceiveEndpointConfigurator endpoint) => SetType(endpoint, endpoint.InputAddress.Segments[^1]);

    /// <summary>
    /// Makes <paramref name="endpoint"/> the queue of <paramref name="tenant"/>: bound to the tenants' direct exchange
    /// with the tenant's name, and to nothing else. Published requests (a client without a queue name) keep going to the
    /// shared queue alone, since a message bound to two queues would run twice.
    /// </summary>
    public void BindTenant(IRabbitMqReceiveEndpointConfigurator endpoint, string tenant)
    {
        endpoint.ConfigureConsumeTopology = false;

        // Declared exactly as producers declare it on their first send (TenantRoutes.SendAddress): another type or
        // argument would be refused (406 PRECONDITION_FAILED) by whichever declares it second.
        endpoint.Bind(TenantRoutes.Exchange(Queue), binding =>
        {
            binding.ExchangeType = RabbitMQ.Client.ExchangeType.Direct;
            binding.Durable = true;
            binding.AutoDelete = false;
            binding.RoutingKey = tenant;
            binding.SetExchangeArgument(TenantRoutes.AlternateExchangeArgument, Queue);
        });
    }

    // The error and dead-letter queues copy their work queue's arguments; this sets their own type over them. The hook
    // is the whole bus's, so it touches only this worker's queues by name.
    private void ConfigureByName(IRabbitMqQueueBindingConfigurator settings)
    {
        if (settings is RabbitMqQueueConfigurator { QueueName: var name } && _types.ContainsKey(name))
        {
            SetType(settings, name);
        }
    }

    private void SetType(IRabbitMqQueueConfigurator queue, string name)
    {
        if (_types.GetValueOrDefault(name, QueueType.Quorum) == QueueType.Quorum)
        {
            queue.SetQuorumQueue();
        }
        else
        {
            // No argument rather than "classic": exactly how workers before quorum queues declared it.
            queue.SetQueueArgument(_queueTypeArgument, null!);
        }
    }

    /// <summary>The type of each queue that exists; null when the broker could not be asked.</summary>
    private Dictionary<string, QueueType>? Existing(RabbitMqConnection connection, IReadOnlyList<string> queues)
    {
        try
        {
            return Task.Run(() => ExistingAsync(connection, queues)).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OptionsValidationException)
        {
            if (options.Value.QueueType == QueueType.Auto)
            {
                LogUnchecked(logger, ex.Message, Queue);
            }

            return null;
        }
    }

    private static async Task<Dictionary<string, QueueType>> ExistingAsync(RabbitMqConnection connection, IReadOnlyList<string> queues)
    {
        using var timeout = new CancellationTokenSource(_checkTimeout);
        await using var amqp = await connection.ConnectAsync("isolated-runtime worker: queue type check", _checkTimeout, timeout.Token);
        var found = new Dictionary<string, QueueType>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            // A refused declare closes its channel: one channel per question.
            await using (var channel = await amqp.CreateChannelAsync(cancellationToken: timeout.Token))
            {
                try
                {
                    await channel.QueueDeclarePassiveAsync(queue, timeout.Token);
                }
                catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
                {
                    continue;
                }
            }

            // It exists. Declaring it as quorum (durable, as MassTransit declares it) is a no-op for a quorum queue and
            // refused (406 PRECONDITION_FAILED, inequivalent x-queue-type) for a classic one.
            await using var probe = await amqp.CreateChannelAsync(cancellationToken: timeout.Token);
            try
            {
                await probe.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                    arguments: new Dictionary<string, object?> { [_queueTypeArgument] = "quorum" }, cancellationToken: timeout.Token);
                found[queue] = QueueType.Quorum;
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 406)
            {
                // Another argument that differs is the broker's to report when MassTransit declares the queue.
                found[queue] = ex.ShutdownReason.ReplyText.Contains(_queueTypeArgument, StringComparison.Ordinal) ? QueueType.Classic : QueueType.Quorum;
            }
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work queue {Queue}: {QueueType} queue; its error queue: {ErrorQueueType} queue")]
    private static partial void LogTypes(ILogger logger, string queue, QueueType queueType, QueueType errorQueueType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant} has its own queue {Queue} ({QueueType} queue), bound to exchange {Exchange} with the tenant's name as routing key")]
    private static partial void LogTenantQueue(ILogger logger, string tenant, string queue, QueueType queueType, string exchange);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} exists as a classic queue and stays one (IsolatedRuntime:QueueType is Auto): it lives on one broker node and is unavailable while that node is down. To make it a quorum queue see docs/operations.md, \"Moving a classic queue to quorum\"")]
    private static partial void LogKeptClassic(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the broker's queues ({Reason}); declaring {Queue} as a quorum queue. If it exists as a classic queue the broker refuses that: set IsolatedRuntime__QueueType=Classic, or see docs/operations.md, \"Moving a classic queue to quorum\"")]
    private static partial void LogUnchecked(ILogger logger, string reason, string queue);
}
