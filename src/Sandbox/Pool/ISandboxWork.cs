namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>
/// One slice of a run that needs a sandbox thread: its first turn, or a later turn of its event loop (a timer
/// fired, a promise job is ready). A run waiting between turns holds no thread.
/// </summary>
internal interface ISandboxWork
{
    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> after which this slice counts as stuck, or null when
    /// it has no deadline. Read by the watchdog while the slice executes.
    /// </summary>
    long? DeadlineTimestamp { get; }

    /// <summary>Runs the slice on the calling pool thread. Must not throw.</summary>
    void Execute();

    /// <summary>
    /// The watchdog gave up on this slice: it stayed on its thread past <see cref="DeadlineTimestamp"/> plus the
    /// grace period. Called on the watchdog's thread while <see cref="Execute"/> may still be running.
    /// </summary>
    void OnAbandoned();

    /// <summary>This slice will never execute. Called at most once, instead of <see cref="Execute"/>.</summary>
    void OnRejected(PoolRejection reason);
}
