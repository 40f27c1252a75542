using MassTransit;

namespace IsolatedRuntime.Worker.Health;

/// <summary>
/// Remembers what the bus's receive endpoints have said since start: ready at least once, or faulted (the broker
/// refused or was unreachable). MassTransit's own check reports both "still connecting" and "cannot connect" as
/// Unhealthy; this tells them apart, so that readiness can say Starting for the first.
/// </summary>
internal sealed class BusReadiness : IReceiveEndpointObserver
{
    private volatile bool _wasReady;
    private volatile bool _faulted;

    /// <summary>True once an endpoint has been ready.</summary>
    public bool WasReady => _wasReady;

    /// <summary>True once an endpoint has faulted.</summary>
    public bool HasFaulted => _faulted;

    public Task Ready(ReceiveEndpointReady ready)
    {
        _wasReady = true;
        return Task.CompletedTask;
    }

    public Task Faulted(ReceiveEndpointFaulted faulted)
    {
        _faulted = true;
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
}
