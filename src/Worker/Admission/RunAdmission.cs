using System.Globalization;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Worker.Options;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Admission;

/// <summary>
/// Decides, before anything costly, whether a request taken from the queue is run: its <c>tenant</c> and
/// <c>maxQueueAgeMs</c> must be usable, it must not have expired while it waited, and its tenant must be under its
/// limits on this worker. Asks neither the result store nor the sandbox, and allocates little, because under a flood
/// from one tenant every other tenant's requests wait in the shared queue behind the refusals made here.
/// </summary>
internal sealed partial class RunAdmission(
    TenantLimiter tenants,
    AdmissionMetrics metrics,
    IOptions<ExpiryOptions> expiry,
    IOptions<WorkerOptions> worker,
    TimeProvider time,
    ILogger<RunAdmission> logger)
{
    private const string _envelopeMediaType = "application/vnd.masstransit+json";

    private readonly TimeSpan? _defaultMaxQueueAge = expiry.Value.DefaultMaxQueueAge;
    private readonly string _workerId = worker.Value.EffectiveWorkerId;

    public AdmissionTicket Admit(ConsumeContext<RunRequested> context)
    {
        var request = context.Message;
        if (request.MaxQueueAgeMs is <= 0)
        {
            return Invalid(request, $"maxQueueAgeMs is {request.MaxQueueAgeMs}; it must be a positive number of milliseconds " +
                "(how long the request may wait in the queue), or left out.");
        }

        if (request.Tenant is { } named && TenantName.Problem(named) is { } problem)
        {
            return Invalid(request, $"The tenant name {problem}. Send the tenant as configured by the operator, e.g. \"acme\".");
        }

        var sent = SentTime(context);
        if (request.MaxQueueAgeMs is not null && sent is null)
        {
            return Invalid(request, "maxQueueAgeMs is counted from the time the request was sent, and this message carries " +
                "none. Send it with MassTransit, or set the AMQP 'timestamp' property (Unix seconds) or the envelope's " +
                "'sentTime'; or give an absolute 'expiresAt' instead.");
        }

        if (Expiry(request, sent) is { } expired)
        {
            return AdmissionTicket.ExpiredWith(expired.Reply, () =>
            {
                metrics.Expired();
                LogExpired(logger, request.CorrelationId, expired.At, expired.Reason);
            });
        }

        var tenant = request.Tenant ?? TenantName.None;
        if (tenants.TryAcquire(tenant) is not { } slot)
        {
            return AdmissionTicket.Admitted(null);
        }

        var label = tenant.Length == 0 ? AdmissionMetrics.NoTenant : tenants.IsListed(tenant) ? tenant : AdmissionMetrics.Unlisted;
        if (slot.IsAcquired)
        {
            metrics.Admitted(label);
            return AdmissionTicket.Admitted(slot);
        }

        slot.Dispose();
        metrics.Refused(label);
        LogOverloaded(logger, request.CorrelationId, label);
        return AdmissionTicket.Refused(Fault(request.CorrelationId, RunErrorKind.Overloaded, "OverloadedError", Overloaded(tenant)));
    }

    // MassTransit's envelope carries the sender's sentTime. For a bare JSON body MassTransit makes SentTime up from
    // the message id, which is a time only when the id is a MassTransit NewId: another producer's random UUID would
    // give a random time. So a bare body is timed by the AMQP timestamp property alone, and an envelope without
    // sentTime falls back to it too.
    private static DateTimeOffset? SentTime(ConsumeContext context)
    {
        if (context.ReceiveContext.ContentType?.MediaType == _envelopeMediaType && context.SentTime is { } sent)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc));
        }

        return context.TryGetPayload(out RabbitMqBasicConsumeContext? basic) && basic.Properties.IsTimestampPresent() &&
            basic.Properties.Timestamp.UnixTime > 0
            ? DateTimeOffset.FromUnixTimeSeconds(basic.Properties.Timestamp.UnixTime)
            : null;
    }

    private (RunReply Reply, DateTimeOffset At, string Reason)? Expiry(RunRequested request, DateTimeOffset? sent)
    {
        DateTimeOffset? deadline = request.ExpiresAt;
        var reason = "its expiresAt";
        var maxAge = request.MaxQueueAgeMs is { } ms ? TimeSpan.FromMilliseconds(ms) : _defaultMaxQueueAge;
        if (maxAge is { } age && sent is { } from && (deadline is null || from + age < deadline))
        {
            deadline = from + age;
            reason = request.MaxQueueAgeMs is not null
                ? $"its maxQueueAgeMs of {request.MaxQueueAgeMs}"
                : $"this worker's default maximum queue age of {age.TotalMilliseconds:0} ms";
        }

        var now = time.GetUtcNow();
        if (deadline is not { } at || now <= at)
        {
            return null;
        }

        var waited = sent is { } since
            ? $"it was sent at {Stamp(since)} and taken from the queue {Math.Max(0, (now - since).TotalMilliseconds):0} ms later"
            : $"it was taken from the queue at {Stamp(now)}, {(now - at).TotalMilliseconds:0} ms late";
        var reply = Fault(request.CorrelationId, RunErrorKind.Expired, "ExpiredError",
            $"Run {request.CorrelationId} expired at {Stamp(at)} ({reason}) and was not run: {waited}. This answer is " +
            "stored under its correlation id. If the run is still wanted, send it again with a new correlation id and a " +
            "later expiresAt or a longer maxQueueAgeMs; if requests expire often, the fleet needs more workers, or the " +
            "producers should send less.");
        return (reply, at, reason);
    }

    private string Overloaded(string tenant)
    {
        var limit = tenants.LimitOf(tenant);
        var name = tenant.Length == 0 ? "The default tenant (requests naming none)" : $"Tenant '{tenant}'";
        var limits = string.Join(" and ", new[]
        {
            limit.MaxConcurrentRuns is { } runs ? $"{runs} runs at once" : null,
            limit.RunsPerSecond is { } rate ? $"{rate.ToString(CultureInfo.InvariantCulture)} runs a second" : null,
        }.OfType<string>());
        return $"{name} is at its limit on worker {_workerId} ({limits}); the request was not run and nothing was " +
            "stored. Retry later with the same correlation id, or ask the operator to raise the tenant's limits " +
            "(IsolatedRuntime:Tenants).";
    }

    private AdmissionTicket Invalid(RunRequested request, string message)
    {
        LogInvalid(logger, request.CorrelationId, message);
        return AdmissionTicket.Refused(Fault(request.CorrelationId, RunErrorKind.InvalidRequest, "InvalidRequestError", message));
    }

    private RunReply Fault(Guid correlationId, RunErrorKind kind, string name, string message) => RunReply.Of(new RunFaulted
    {
        CorrelationId = correlationId,
        Kind = kind,
        ErrorName = name,
        Message = message,
        WorkerId = _workerId,
    });

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {CorrelationId} refused: {Reason}")]
    private static partial void LogInvalid(ILogger logger, Guid correlationId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {CorrelationId} expired at {ExpiredAt} ({Reason}); answered Expired without running")]
    private static partial void LogExpired(ILogger logger, Guid correlationId, DateTimeOffset expiredAt, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run {CorrelationId} answered Overloaded: tenant {Tenant} is at its limit")]
    private static partial void LogOverloaded(ILogger logger, Guid correlationId, string tenant);
}
