using IsolatedRuntime.Client.Messaging;
using IsolatedRuntime.Client.Requests;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Results;
using IsolatedRuntime.Protocol.Routing;
using MassTransit;

namespace IsolatedRuntime.Client;

/// <summary>
/// The client over one MassTransit bus: requests are sent (or published), answers come to a response endpoint of the
/// client's own, connected on the first call.
/// </summary>
internal sealed class IsolatedRuntimeClient : IIsolatedRuntimeClient, IAsyncDisposable
{
    private readonly IBus _bus;
    private readonly IRunResultReader? _results;
    private readonly bool _ownsResults;
    private readonly IsolatedRuntimeClientOptions _options;
    private readonly Uri? _queue;
    private readonly Lock _gate = new();
    private Task<ResponseEndpoint>? _responses;

    // The answer's own timeout fires first when the send went through; this margin only catches a send that hangs.
    private static readonly TimeSpan _sendGrace = TimeSpan.FromSeconds(1);

    public IsolatedRuntimeClient(IBus bus, IRunResultReader? results, bool ownsResults, IsolatedRuntimeClientOptions options)
    {
        _bus = bus;
        _results = results;
        _ownsResults = ownsResults;
        _options = options;
        // The workers' queues belong to the workers: they declare them with their type (quorum or classic), which a
        // declare from here would have to repeat exactly. On RabbitMQ sent to the tenants' direct exchange, with the
        // tenant as routing key (Mandatory below): a listed tenant's queue, or by its alternate exchange the work queue.
        // Mandatory, so that a queue no worker has declared yet fails the call instead of dropping the request.
        _queue = options.QueueName is not { } queue ? null
            : bus.Topology is IRabbitMqBusTopology ? TenantRoutes.SendAddress(queue)
            : new Uri($"exchange:{queue}");
    }

    public async Task<T?> RunAsync<T>(RunRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        (await RunAsync(request, timeout, cancellationToken)).GetResult<T>();

    public async Task<RunReply> RunAsync(RunRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var message = RunRequestBuilder.Build(request, nameof(request));
        var wait = timeout ?? AnswerTimeout(request);

        // MassTransit's request timeout covers the wait for the answer; this deadline also bounds the send, which can
        // wait on a broker connection that died mid-publish. Either way the caller gets the same retriable error.
        // The deadline is awaited beside the call, not only passed into it: a publish whose connection dies before its
        // confirmation arrives never completes and ignores its token (rabbitmq/rabbitmq-dotnet-client#1930).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait + _sendGrace);
        try
        {
            var requests = (await Responses().WaitAsync(deadline.Token)).Requests;
            var response = await requests.GetResponse<RunCompleted, RunFaulted>(
                message, request => request.UseExecute(Mandatory), deadline.Token, RequestTimeout.After(ms: (int)Math.Ceiling(wait.TotalMilliseconds)))
                .WaitAsync(deadline.Token);
            if (response.Is(out Response<RunCompleted>? completed))
            {
                return RunReply.Of(completed.Message);
            }

            return response.Is(out Response<RunFaulted>? faulted)
                ? RunReply.Of(faulted.Message)
                : throw new InvalidOperationException($"Run {message.CorrelationId} was answered with an unknown message.");
        }
        catch (Exception ex) when (ex is MessageReturnedException || ex.InnerException is MessageReturnedException)
        {
            // The request client reports the broker's return wrapped in a RequestException.
            throw NoQueue(message.CorrelationId, ex);
        }
        catch (Exception ex) when (ex is RequestTimeoutException ||
            (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or RequestException))
        {
            throw new TimeoutException(
                $"No worker answered run {message.CorrelationId} ('{request.FuncName}' in {request.File}) within " +
                $"{wait.TotalMilliseconds:0} ms. It may still run: retry with the same correlation id to get its one " +
                "outcome, and check that workers are up.", ex);
        }
    }

    public async Task<IReadOnlyList<BatchItemOutcome>> RunBatchAsync(
        RunRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ArgsBatch is null)
        {
            throw new ArgumentException("RunBatchAsync needs RunRequest.ArgsBatch (one argument list per item); use RunAsync for one run.", nameof(request));
        }

        var reply = await RunAsync(request, timeout, cancellationToken);
        return reply.Faulted is { } faulted ? throw new RunFaultedException(faulted) : reply.Items ?? [];
    }

    public async Task CancelAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        if (correlationId == Guid.Empty)
        {
            throw new ArgumentException("Give the correlation id of the run to cancel; Guid.Empty names no run.", nameof(correlationId));
        }

        // Published, not sent: every worker has a queue of its own for cancels, since any of them may hold the run.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            await _bus.Publish(new CancelRun { CorrelationId = correlationId }, deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The broker did not confirm the cancel of run {correlationId} within {_options.Timeout.TotalMilliseconds:0} ms. " +
                "Send it again: canceling twice is harmless.", ex);
        }
    }

    public async Task<Guid> PublishAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        var message = RunRequestBuilder.Build(request, nameof(request));

        // Bounded like a call's send, and for the same reason: a publish whose connection dies before the broker
        // confirms it never completes by itself (rabbitmq/rabbitmq-dotnet-client#1930).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            var sent = _queue is null
                ? _bus.Publish(message, deadline.Token)
                : SendAsync(message, deadline.Token);
            await sent.WaitAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is MessageReturnedException || ex.InnerException is MessageReturnedException)
        {
            throw NoQueue(message.CorrelationId, ex);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The broker did not confirm run {message.CorrelationId} within {_options.Timeout.TotalMilliseconds:0} ms; it " +
                "may or may not be queued. Publish it again with the same correlation id: a run is executed once per id.", ex);
        }

        return message.CorrelationId;
    }

    private async Task SendAsync(RunRequested message, CancellationToken cancellationToken) =>
        await (await _bus.GetSendEndpoint(_queue!)).Send(message, Pipe.Execute<SendContext<RunRequested>>(Mandatory), cancellationToken);

    public Task<RunReply?> GetResultAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        _results is null
            ? throw new InvalidOperationException(
                "No result store is configured for this client: set its Redis option (the workers' " +
                "ConnectionStrings__Redis) to look results up.")
            : _results.GetAsync(correlationId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_responses is { IsCompletedSuccessfully: true } responses)
        {
            await responses.Result.DisposeAsync();
        }

        if (_ownsResults && _results is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    // Only RabbitMQ has the flag and routing keys; other transports (the in-memory one of embedded mode) route every
    // send to the one work queue anyway.
    private static void Mandatory(SendContext<RunRequested> context)
    {
        if (context.TryGetPayload(out RabbitMqSendContext? rabbit))
        {
            rabbit.Mandatory = true;
            rabbit.RoutingKey = TenantRoutes.RoutingKey(context.Message.Tenant);
        }
    }

    private InvalidOperationException NoQueue(Guid correlationId, Exception inner) => new(
        $"Run {correlationId} was not delivered: the broker routed it to no queue. Either no worker has declared the queue " +
        $"'{_options.QueueName}' yet (start a worker; check IsolatedRuntimeClientOptions.QueueName against the workers' " +
        "IsolatedRuntime__QueueName), or it is a classic queue whose broker node is down. Then retry with the same " +
        "correlation id.", inner);

    // MassTransit starts a bus's own response queue only when the first request connects to it, and that connection
    // blocks the calling thread until the queue is up: a burst of calls right after start-up held every pool thread
    // in that wait, and the broker client's start-up waited for new pool threads (~14 s for 64 calls). So the client
    // connects a response endpoint of its own once, waits for it without holding a thread, and only then sends; a
    // failed connection is tried again by the next call.
    private Task<ResponseEndpoint> Responses()
    {
        if (_responses is { IsFaulted: false, IsCanceled: false } ready)
        {
            return ready;
        }

        lock (_gate)
        {
            if (_responses is null || _responses.IsFaulted || _responses.IsCanceled)
            {
                _responses = ResponseEndpoint.ConnectAsync(_bus, _queue, RequestTimeout.After(ms: (int)_options.Timeout.TotalMilliseconds));
            }

            return _responses;
        }
    }

    // A batch's items each have the run's budget, one after another.
    private TimeSpan AnswerTimeout(RunRequest request)
    {
        if (request.Timeout is not { } budget)
        {
            return _options.Timeout;
        }

        var needed = (budget * Math.Max(1, request.ArgsBatch?.Count ?? 1)) + _options.AnswerMargin;
        return needed > _options.Timeout ? needed : _options.Timeout;
    }
}
