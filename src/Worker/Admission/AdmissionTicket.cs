using System.Threading.RateLimiting;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Worker.Admission;

/// <summary>
/// What admission decided for one request: refused at once (<see cref="Refusal"/>), expired (<see cref="Expired"/>), or
/// to be run. Holds the tenant's slot until disposed; the consumer disposes it when the run's answer is decided.
/// </summary>
internal sealed class AdmissionTicket : IDisposable
{
    private RateLimitLease? _slot;

    private AdmissionTicket(RunReply? refusal, RunReply? expired, RateLimitLease? slot)
    {
        Refusal = refusal;
        Expired = expired;
        _slot = slot;
    }

    /// <summary>When set, the answer to send at once: before the result store is asked, never stored (a bad
    /// <c>tenant</c> or <c>maxQueueAgeMs</c>, or a tenant over its limit).</summary>
    public RunReply? Refusal { get; }

    /// <summary>When set, the request expired in the queue: answer this instead of running, through the result store
    /// like any outcome, so that a redelivery is answered the same without running.</summary>
    public RunReply? Expired { get; }

    public static AdmissionTicket Refused(RunReply refusal) => new(refusal, null, null);

    public static AdmissionTicket ExpiredWith(RunReply expired) => new(null, expired, null);

    public static AdmissionTicket Admitted(RateLimitLease? slot) => new(null, null, slot);

    /// <summary>Gives the tenant's slot back. Safe to call more than once.</summary>
    public void Dispose()
    {
        _slot?.Dispose();
        _slot = null;
    }
}
