namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>Thread and queue counts of the pool at one instant (each read on its own, so they may be a hair apart).</summary>
/// <param name="BusyThreads">Threads executing a slice, not counting retired ones.</param>
/// <param name="IdleThreads">Threads serving the pool but not executing (waiting for work, or starting).</param>
/// <param name="QueuedWork">New runs waiting for a thread.</param>
/// <param name="RetiredThreads">Threads the watchdog has retired since the pool started. Health should report it;
/// a growing number means the process should be recycled.</param>
/// <param name="StuckThreads">Retired threads still inside their abandoned slice: threads and memory the process cannot
/// get back until those slices return.</param>
/// <param name="QueuedContinuations">Later slices of admitted runs waiting for a thread.</param>
internal readonly record struct PoolSnapshot(
    int BusyThreads,
    int IdleThreads,
    int QueuedWork,
    int RetiredThreads,
    int StuckThreads = 0,
    int QueuedContinuations = 0);
