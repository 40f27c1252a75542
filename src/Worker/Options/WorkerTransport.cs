namespace IsolatedRuntime.Worker.Options;

/// <summary>Which MassTransit transport carries the run requests.</summary>
public enum WorkerTransport
{
    /// <summary>A fleet: RabbitMQ from <c>ConnectionStrings:RabbitMq</c>, results in Redis when configured.</summary>
    RabbitMq,

    /// <summary>Embedded: one process, MassTransit's in-memory transport and the in-memory result store.</summary>
    InMemory,
}
