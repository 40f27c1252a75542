namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>Why the pool refused a slice of work.</summary>
internal enum PoolRejection
{
    /// <summary>The admission queue was at <see cref="PoolOptions.MaxQueue"/>.</summary>
    QueueFull,

    /// <summary>No thread became free within <see cref="PoolOptions.AcquireTimeout"/>.</summary>
    AcquireTimeout,

    /// <summary>The pool is shutting down.</summary>
    ShuttingDown,
}
