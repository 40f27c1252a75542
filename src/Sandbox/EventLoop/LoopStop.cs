namespace IsolatedRuntime.Sandbox.EventLoop;

/// <summary>Why <see cref="RunEventLoop.Pump"/> returned.</summary>
internal enum LoopStop
{
    /// <summary>The awaited promise settled; see <see cref="RunEventLoop.Settlement"/>.</summary>
    Settled,

    /// <summary>A timer callback or microtask threw and nothing caught it; see <see cref="RunEventLoop.Uncaught"/>.</summary>
    Uncaught,

    /// <summary>Nothing is due before <see cref="RunEventLoop.WakeTimestamp"/>; the run should give up its thread.</summary>
    Waiting,

    /// <summary>The promise is pending and no timer or job is left that could settle it.</summary>
    Stalled,
}
