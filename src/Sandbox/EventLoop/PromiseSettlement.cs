namespace IsolatedRuntime.Sandbox.EventLoop;

/// <summary>Where the promise a run's function returned stands.</summary>
internal enum PromiseSettlement
{
    Pending,
    Fulfilled,
    Rejected,
}
