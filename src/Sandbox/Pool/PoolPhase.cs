namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>Where the pool is in its life. Only moves forward.</summary>
internal enum PoolPhase
{
    /// <summary>Admits new runs and continues admitted ones.</summary>
    Open,

    /// <summary>New runs are refused; runs already admitted still get their continuations.</summary>
    AdmissionsClosed,

    /// <summary>Disposing: everything new is refused; executing slices and queued continuations finish.</summary>
    Draining,

    /// <summary>Threads exit; anything still queued is refused.</summary>
    Stopped,
}
