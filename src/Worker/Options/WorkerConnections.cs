namespace IsolatedRuntime.Worker.Options;

/// <summary>Section <c>ConnectionStrings</c>: where the broker and the result store are. Credentials live here only.</summary>
public sealed class WorkerConnections
{
    /// <summary>The configuration section these are bound from.</summary>
    public const string Section = "ConnectionStrings";

    /// <summary>
    /// <c>amqp://user:pass@host:port/vhost</c> (environment <c>ConnectionStrings__RabbitMq</c>); a cluster lists its nodes,
    /// <c>amqp://user:pass@rabbit1:5672,rabbit2:5672,rabbit3:5672/vhost</c>.
    /// </summary>
    public string? RabbitMq { get; set; }

    /// <summary>A StackExchange.Redis configuration string, <c>host:port[,password=…]</c> (<c>ConnectionStrings__Redis</c>);
    /// several nodes for Redis Cluster, or sentinels with <c>serviceName=…</c>. Without it each worker keeps outcomes in
    /// its own memory only.</summary>
    public string? Redis { get; set; }
}
