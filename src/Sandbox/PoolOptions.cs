namespace IsolatedRuntime.Sandbox;

/// <summary>
/// The sandbox thread pool (seed: <c>poolOptions</c>). Runs execute on dedicated threads; a run waiting on a
/// timer or promise holds no thread.
/// </summary>
public sealed class PoolOptions
{
    /// <summary>Threads kept alive even when idle.</summary>
    public int MinThreads { get; set; } = 1;

    /// <summary>Most threads executing JavaScript at once.</summary>
    public int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Most new runs waiting for a thread; beyond it a run is answered <c>Overloaded</c> at once.</summary>
    public int MaxQueue { get; set; } = 1024;

    /// <summary>How long a new run may wait for a thread before it is answered <c>Overloaded</c>.</summary>
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a thread above <see cref="MinThreads"/> may sit idle before it exits.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long past a run's deadline a thread may stay stuck in work that cannot be interrupted before the pool
    /// retires it and starts a replacement.
    /// </summary>
    public TimeSpan WatchdogGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Native stack of each sandbox thread. 16 MB holds <see cref="SandboxOptions.MaxRecursionDepth"/> plain frames
    /// with room to spare, so the recursion limit fires before the stack guard; larger stacks only make deep builtin
    /// recursion (JSON.stringify of a 200,000-deep object) slower to give up, since that work is quadratic.
    /// </summary>
    public int ThreadStackSizeBytes { get; set; } = 16 * 1024 * 1024;
}
