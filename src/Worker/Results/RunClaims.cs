using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Results;
using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Results;

/// <summary>
/// Decides, per request, whether to run it: a stored outcome is answered from the store; a claim held by another
/// attempt is waited on (its outcome, or the end of its lease); the same id with another request is refused.
/// </summary>
internal sealed partial class RunClaims(
    IRunResultStore store,
    IOptions<WorkerOptions> worker,
    IOptions<SandboxOptions> sandbox,
    ILogger<RunClaims> logger)
{
    private static readonly TimeSpan _firstPoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan _longestPoll = TimeSpan.FromMilliseconds(100);

    private readonly string _workerId = worker.Value.EffectiveWorkerId;

    // A claim outlives the longest run this worker allows, so a live holder never loses it mid-run.
    private readonly TimeSpan _lease = sandbox.Value.MaxTimeout + sandbox.Value.Pool.WatchdogGrace + worker.Value.ResultStore.ClaimMargin;

    public async Task<RunTicket> BeginAsync(RunRequested request, CancellationToken cancellationToken)
    {
        var claim = RunClaim.New(RequestFingerprint.Compute(request));
        var poll = _firstPoll;
        var waiting = false;
        while (true)
        {
            var found = await store.TryClaimAsync(request.CorrelationId, claim, _lease, cancellationToken);
            switch (found.Status)
            {
                case ClaimStatus.Claimed:
                    return RunTicket.ToRun(store, request.CorrelationId, claim);
                case ClaimStatus.Stored when found.Stored!.Fingerprint == claim.Fingerprint ||
                    found.Stored.Fingerprint == StoredRunOutcome.CanceledFingerprint:
                    LogAnsweredFromStore(logger, request.CorrelationId);
                    return RunTicket.Answered(found.Stored.Reply.AsCached(_workerId));
                case ClaimStatus.Stored:
                case ClaimStatus.Busy when found.HolderFingerprint is { } holder && holder != claim.Fingerprint:
                    LogReusedId(logger, request.CorrelationId);
                    return RunTicket.Answered(Refusal(request.CorrelationId));
            }

            if (!waiting)
            {
                waiting = true;
                LogWaiting(logger, request.CorrelationId);
            }

            await Task.Delay(poll, cancellationToken);
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, _longestPoll.Ticks));
        }
    }

    private RunReply Refusal(Guid correlationId) => RunReply.Of(new RunFaulted
    {
        CorrelationId = correlationId,
        Kind = RunErrorKind.InvalidRequest,
        ErrorName = "InvalidRequestError",
        Message = $"Correlation id {correlationId} was already used for a different request. Use a new correlation " +
            "id for a new request; reuse an id only to retry the very same request.",
        WorkerId = _workerId,
    });

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {CorrelationId} answered from the result store")]
    private static partial void LogAnsweredFromStore(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {CorrelationId} refused: its correlation id was already used for a different request")]
    private static partial void LogReusedId(ILogger logger, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {CorrelationId} is being run by another attempt; waiting for its outcome")]
    private static partial void LogWaiting(ILogger logger, Guid correlationId);
}
