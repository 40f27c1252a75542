using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>
/// Dedicated threads that execute <see cref="ISandboxWork"/>. New runs wait in a bounded admission queue;
/// continuations of runs already admitted go first and are never refused while the pool is open. A watchdog
/// retires threads stuck past a slice's deadline and starts replacements.
/// </summary>
internal sealed class SandboxThreadPool : IAsyncDisposable
{
    // Owner: Pool room. This first version runs everything on the .NET thread pool so that the rest of the
    // sandbox can be built against the seam; it is replaced by the real pool.
    private readonly PoolOptions _options;
    private readonly ILogger _logger;

    public SandboxThreadPool(PoolOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>Queues the first slice of a new run; rejects it when the queue is full or the pool is closed.</summary>
    public void Admit(ISandboxWork work) => ThreadPool.UnsafeQueueUserWorkItem(static w => w.Execute(), work, false);

    /// <summary>Queues a later slice of a run already admitted.</summary>
    public void Continue(ISandboxWork work) => ThreadPool.UnsafeQueueUserWorkItem(static w => w.Execute(), work, false);

    /// <summary>Counts for health and metrics.</summary>
    public PoolSnapshot GetSnapshot() => new(0, 0, 0, 0);

    /// <summary>Stops admitting, rejects what is queued with <see cref="PoolRejection.ShuttingDown"/>, and stops the
    /// threads once the slices executing now return.</summary>
    public ValueTask DisposeAsync()
    {
        _ = _options;
        _ = _logger;
        return ValueTask.CompletedTask;
    }
}
