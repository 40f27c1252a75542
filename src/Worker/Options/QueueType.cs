namespace IsolatedRuntime.Worker.Options;

/// <summary>The RabbitMQ queue type of the workers' queue and its error queue (<c>IsolatedRuntime:QueueType</c>).</summary>
public enum QueueType
{
    /// <summary>
    /// Quorum for a queue that does not exist yet; an existing queue keeps the type it has, so a fleet upgraded from
    /// classic queues keeps consuming them (with a warning that says how to move to quorum).
    /// </summary>
    Auto,

    /// <summary>
    /// A quorum queue: replicated over the cluster's nodes (Raft), survives the loss of a minority of them. A worker
    /// refuses to start when the queue exists as a classic queue.
    /// </summary>
    Quorum,

    /// <summary>A classic queue: it lives on one node, and is away while that node is. For single-node brokers.</summary>
    Classic,
}
