namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>Thread and queue counts of the pool at one instant.</summary>
internal readonly record struct PoolSnapshot(int BusyThreads, int IdleThreads, int QueuedWork, int RetiredThreads);
