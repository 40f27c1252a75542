using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Results;

namespace IsolatedRuntime.Worker.Results;

/// <summary>
/// A consumer's hold on one request: either an answer to send without running (a stored outcome, or a refusal), or
/// a claim to run it. Completing stores the outcome when it may be cached; disposing releases an unfinished claim.
/// </summary>
internal sealed class RunTicket : IAsyncDisposable
{
    private readonly IRunResultStore? _store;
    private readonly Guid _correlationId;
    private readonly RunClaim? _claim;
    private bool _done;

    private RunTicket(IRunResultStore? store, Guid correlationId, RunClaim? claim, RunReply? answer)
    {
        _store = store;
        _correlationId = correlationId;
        _claim = claim;
        Answer = answer;
    }

    /// <summary>When set, the answer to send; the request is not run.</summary>
    public RunReply? Answer { get; }

    public static RunTicket ToRun(IRunResultStore store, Guid correlationId, RunClaim claim) => new(store, correlationId, claim, null);

    public static RunTicket Answered(RunReply answer) => new(null, Guid.Empty, null, answer);

    /// <summary>Stores <paramref name="reply"/> unless it is a fault that a retry could change, and releases the claim.</summary>
    public async Task CompleteAsync(RunReply reply, CancellationToken cancellationToken)
    {
        if (_store is null || _claim is null || _done)
        {
            return;
        }

        _done = true;
        if (IsCacheable(reply))
        {
            await _store.SaveAsync(_correlationId, new StoredRunOutcome(_claim.Fingerprint, reply), _claim, cancellationToken);
        }
        else
        {
            await _store.ReleaseAsync(_correlationId, _claim, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null && _claim is not null && !_done)
        {
            _done = true;
            await _store.ReleaseAsync(_correlationId, _claim, CancellationToken.None);
        }
    }

    /// <summary>Faults of the runtime or the moment (Internal, Overloaded, Canceled) are not the request's answer. A
    /// producer's cancel is stored by the cancel itself (<see cref="Consumers.CancelRunConsumer"/>).</summary>
    public static bool IsCacheable(RunReply reply) =>
        reply.Faulted?.Kind is not (RunErrorKind.Internal or RunErrorKind.Overloaded or RunErrorKind.Canceled);
}
