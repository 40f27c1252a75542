using IsolatedRuntime.Contracts;
using MassTransit;

namespace IsolatedRuntime.Client.Messaging;

/// <summary>
/// The client's own temporary response queue on the bus, and the request client whose answers come to it. Stopping
/// it (disposing) deletes the queue.
/// </summary>
internal sealed class ResponseEndpoint : IAsyncDisposable
{
    private readonly HostReceiveEndpointHandle _handle;

    private ResponseEndpoint(HostReceiveEndpointHandle handle, IRequestClient<RunRequested> requests)
    {
        _handle = handle;
        Requests = requests;
    }

    /// <summary>Sends <see cref="RunRequested"/> to the workers' queue (or publishes it) and awaits the answer here.</summary>
    public IRequestClient<RunRequested> Requests { get; }

    /// <summary>
    /// Connects a response endpoint and completes once the broker consumes from it, so that no request is sent before
    /// its answer has somewhere to go. Nothing blocks a thread meanwhile.
    /// </summary>
    public static async Task<ResponseEndpoint> ConnectAsync(IBus bus, Uri? queue, RequestTimeout timeout)
    {
        var handle = bus.ConnectResponseEndpoint();
        await handle.Ready;
        var factory = handle.CreateClientFactory(timeout);
        var requests = queue is null ? factory.CreateRequestClient<RunRequested>(timeout) : factory.CreateRequestClient<RunRequested>(queue, timeout);
        return new ResponseEndpoint(handle, requests);
    }

    public async ValueTask DisposeAsync() => await _handle.StopAsync();
}
