namespace IsolatedRuntime.Sandbox;

/// <summary>A snapshot of the sandbox pool, for health checks and metrics.</summary>
/// <param name="BusyThreads">Threads executing a run right now.</param>
/// <param name="IdleThreads">Threads waiting for work.</param>
/// <param name="QueuedRuns">New runs waiting for a thread.</param>
/// <param name="ActiveRuns">Runs admitted and not yet finished, including those waiting on timers.</param>
/// <param name="RetiredThreads">Threads abandoned by the watchdog because they stayed stuck past a deadline.
/// A growing number means the process should be recycled.</param>
public sealed record SandboxStatistics(int BusyThreads, int IdleThreads, int QueuedRuns, int ActiveRuns, int RetiredThreads)
{
    /// <summary>
    /// Idle warm engines kept for warm reuse (<see cref="SandboxOptions.Warm"/>), at most
    /// <see cref="WarmOptions.MaxEngines"/>; each holds its loaded packages in memory.
    /// </summary>
    public int IdleWarmEngines { get; init; }

    /// <summary>
    /// Retired threads still inside the call they were stuck in, running at the lowest operating-system priority
    /// until it returns: CPU and memory the process gets back only when they finish, or when it restarts.
    /// </summary>
    public int StuckThreads { get; init; }
}
