using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Client;

/// <summary>Asks the IsolatedRuntime fleet to run JavaScript functions. Thread-safe; register once.</summary>
public interface IIsolatedRuntimeClient
{
    /// <summary>Runs a function and returns its result deserialized as <typeparamref name="T"/>.</summary>
    /// <param name="request">What to run. A null <see cref="RunRequest.CorrelationId"/> gets a new id.</param>
    /// <param name="timeout">How long to wait for the answer; by default the configured timeout, or the run's own
    /// budget plus a margin when that is longer.</param>
    /// <param name="cancellationToken">Stops waiting; the run itself may still happen.</param>
    /// <exception cref="RunFaultedException">The run faulted; its kind, error name, message, stack and logs.</exception>
    /// <exception cref="ArgumentException">An argument or the context cannot be sent as JSON; nothing was sent.</exception>
    /// <exception cref="TimeoutException">No answer in time; retry with the same correlation id to get its one outcome.</exception>
    Task<T?> RunAsync<T>(RunRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a function and returns the fleet's answer as sent: completed or faulted.</summary>
    /// <inheritdoc cref="RunAsync{T}(RunRequest, TimeSpan?, CancellationToken)" path="/param"/>
    /// <exception cref="ArgumentException">An argument or the context cannot be sent as JSON; nothing was sent.</exception>
    /// <exception cref="TimeoutException">No answer in time; retry with the same correlation id to get its one outcome.</exception>
    Task<RunReply> RunAsync(RunRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a batch (<see cref="RunRequest.ArgsBatch"/>): the code is loaded once and the function called once per item,
    /// in order. Returns one outcome per item; an item's fault is in its outcome, not thrown.
    /// </summary>
    /// <param name="request">What to run; <see cref="RunRequest.ArgsBatch"/> must be set.</param>
    /// <param name="timeout">How long to wait for the whole batch; by default the configured timeout, or the items'
    /// budgets added up plus a margin when that is longer.</param>
    /// <param name="cancellationToken">Stops waiting; the batch itself may still run (see <see cref="CancelAsync"/>).</param>
    /// <exception cref="RunFaultedException">The batch faulted as a whole: its code did not load, or the request was refused.</exception>
    /// <exception cref="ArgumentException"><see cref="RunRequest.ArgsBatch"/> is not set, or a value cannot be sent as JSON.</exception>
    /// <exception cref="TimeoutException">No answer in time; retry with the same correlation id to get its one outcome.</exception>
    Task<IReadOnlyList<BatchItemOutcome>> RunBatchAsync(RunRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a run by its correlation id, on whichever worker has it: a run not started yet is never started, a running
    /// one is interrupted; either is answered <c>Canceled</c> (to its caller, and from the result store afterwards).
    /// A run that already has an outcome keeps it. Returns once the broker has taken the cancel.
    /// </summary>
    /// <param name="correlationId">The id of the run to cancel.</param>
    /// <param name="cancellationToken">Stops the publish.</param>
    /// <exception cref="TimeoutException">The broker did not confirm the cancel in time; send it again.</exception>
    Task CancelAsync(Guid correlationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a run without waiting for it (no response address). Its outcome is published as a <see cref="Contracts.RunCompleted"/> or
    /// <see cref="Contracts.RunFaulted"/> event, and stored for <see cref="GetResultAsync"/>.
    /// </summary>
    /// <param name="request">What to run. A null <see cref="RunRequest.CorrelationId"/> gets a new id.</param>
    /// <param name="cancellationToken">Stops the publish.</param>
    /// <returns>The request's correlation id.</returns>
    /// <exception cref="ArgumentException">An argument or the context cannot be sent as JSON; nothing was sent.</exception>
    Task<Guid> PublishAsync(RunRequest request, CancellationToken cancellationToken = default);

    /// <summary>The stored outcome of a run as its run produced it (<see cref="RunReply.FromCache"/> false, the
    /// <see cref="RunReply.WorkerId"/> of the worker that ran it), or null while it is unknown (not run yet, running,
    /// expired, or a fault of the kinds that are never stored: Internal, Overloaded, and Canceled unless
    /// <see cref="CancelAsync"/> canceled it).</summary>
    /// <param name="correlationId">The run's correlation id.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <exception cref="InvalidOperationException">No result store is configured (set <see cref="IsolatedRuntimeClientOptions.Redis"/>).</exception>
    Task<RunReply?> GetResultAsync(Guid correlationId, CancellationToken cancellationToken = default);
}
