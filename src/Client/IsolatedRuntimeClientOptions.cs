namespace IsolatedRuntime.Client;

/// <summary>Where the client finds the fleet. Credentials come from here only (configuration), never from code.</summary>
public sealed class IsolatedRuntimeClientOptions
{
    /// <summary>
    /// The broker, as an <c>amqp://user:pass@host:port/vhost</c> URI (the form of <c>ConnectionStrings__RabbitMq</c>); a
    /// cluster lists its nodes, <c>amqp://user:pass@rabbit1:5672,rabbit2:5672,rabbit3:5672/vhost</c>.
    /// Needed by the standalone registration only; inside an existing MassTransit setup the client uses that bus.
    /// </summary>
    public string? RabbitMq { get; set; }

    /// <summary>
    /// The workers' result store, as a StackExchange.Redis configuration string (<c>host:port,password=…</c>, the form
    /// of <c>ConnectionStrings__Redis</c>). Needed by <see cref="IIsolatedRuntimeClient.GetResultAsync"/> only.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// The workers' queue (<c>IsolatedRuntime__QueueName</c>, default <c>isolated-runtime</c>): requests are sent to it,
    /// so they wait there while no worker is up (once a worker has declared it; before that a call fails at once). Null publishes them to the <c>RunRequested</c> exchange instead, to
    /// every fleet bound to it.
    /// </summary>
    public string? QueueName { get; set; } = "isolated-runtime";

    /// <summary>The workers' Redis key prefix (<c>IsolatedRuntime__ResultStore__KeyPrefix</c>); the two must agree.</summary>
    public string KeyPrefix { get; set; } = "isolated-runtime:";

    /// <summary>
    /// How long a call waits for its answer when the call names no timeout. A run whose own budget is longer gets its
    /// budget plus <see cref="AnswerMargin"/>.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Added to a run's own budget to cover queueing and transport when the call names no timeout.</summary>
    public TimeSpan AnswerMargin { get; set; } = TimeSpan.FromSeconds(10);
}
