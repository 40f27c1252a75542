using System.Threading.RateLimiting;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Worker.Admission;

/// <summary>
/// What admission decided for one request: refused at once (<see cref="Refusal"/>), expired (<see cref="Expire"/>), or
/// to be run. Holds the tenant's slot until disposed; the consumer disposes it when the run's answer is decided.
/// </summary>
internal sealed class AdmissionTicket : IDisposable
{
    private readonly RunReply? _expired;
    private readonly Action? _onExpired;
    private RateLimitLease? _slot;

    private AdmissionTicket(RunReply? refusal, RunReply? expired, Action? onExpired, RateLimitLease? slot)
    {
        Refusal = refusal;
        _expired = expired;
        _onExpired = onExpired;
        _slot = slot;
    }

    /// <summary>When set, the answer to send at once: before the result store is asked, never stored (a bad
    /// <c>tenant</c> or <c>maxQueueAgeMs</c>, or a tenant over its limit).</summary>
    public RunReply? Refusal { get; }

    public static AdmissionTicket Refused(RunReply refusal) => new(refusal, null, null, null);

    /// <summary>An expired request; <paramref name="onExpired"/> counts and logs it once it is answered so.</summary>
    public static AdmissionTicket ExpiredWith(RunReply expired, Action onExpired) => new(null, expired, onExpired, null);

    public static AdmissionTicket Admitted(RateLimitLease? slot) => new(null, null, null, slot);

    /// <summary>
    /// For a request that expired in the queue, the answer to give instead of running it (through the result store like
    /// any outcome, so that a redelivery is answered the same without running); null for one to run. Called only when
    /// the result store has no answer, so that only requests answered Expired here are counted as expired.
    /// </summary>
    public RunReply? Expire()
    {
        _onExpired?.Invoke();
        return _expired;
    }

    /// <summary>Gives the tenant's slot back. Safe to call more than once.</summary>
    public void Dispose()
    {
        _slot?.Dispose();
        _slot = null;
    }
}
