using System.Collections.Frozen;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Admission;

/// <summary>
/// Per-tenant limits of this worker (<see cref="TenantOptions"/>): a concurrency limiter and a token bucket per
/// tenant, chained, neither of which queues. An acquisition is decided at once, so a tenant over its limit never makes
/// another tenant wait. Idle tenants' limiters are dropped by <see cref="PartitionedRateLimiter"/> itself, so names a
/// producer makes up cost memory only while they are in use.
/// </summary>
internal sealed class TenantLimiter : IDisposable
{
    private readonly TenantLimit _default;
    private readonly FrozenDictionary<string, TenantLimit> _listed;
    private readonly PartitionedRateLimiter<string>? _limiter;

    public TenantLimiter(IOptions<TenantOptions> options)
    {
        _default = options.Value.Default;
        _listed = options.Value.Limits.ToFrozenDictionary(
            entry => entry.Key,
            entry => new TenantLimit
            {
                MaxConcurrentRuns = entry.Value.MaxConcurrentRuns ?? _default.MaxConcurrentRuns,
                RunsPerSecond = entry.Value.RunsPerSecond ?? _default.RunsPerSecond,
                Burst = entry.Value.Burst ?? _default.Burst,
            },
            StringComparer.Ordinal);
        if (new[] { _default }.Concat(_listed.Values).All(limit => limit.MaxConcurrentRuns is null && limit.RunsPerSecond is null))
        {
            return;
        }

        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<string, string>(tenant => LimitOf(tenant).MaxConcurrentRuns is { } runs
                ? RateLimitPartition.GetConcurrencyLimiter(tenant, _ => new ConcurrencyLimiterOptions { PermitLimit = runs, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(tenant)),
            PartitionedRateLimiter.Create<string, string>(tenant => LimitOf(tenant) is { RunsPerSecond: { } rate } limit
                ? RateLimitPartition.GetTokenBucketLimiter(tenant, _ => Bucket(rate, limit.Burst))
                : RateLimitPartition.GetNoLimiter(tenant)));
    }

    /// <summary>True when some tenant has a limit; otherwise <see cref="TryAcquire"/> admits everything.</summary>
    public bool Enabled => _limiter is not null;

    /// <summary>Whether <paramref name="tenant"/> is listed in the settings (and so has a metrics label of its own).</summary>
    public bool IsListed(string tenant) => _listed.ContainsKey(tenant);

    /// <summary>The limit in force for <paramref name="tenant"/>.</summary>
    public TenantLimit LimitOf(string tenant) => _listed.GetValueOrDefault(tenant, _default);

    /// <summary>A slot for one run of <paramref name="tenant"/>, decided at once; null when no tenant has a limit. The
    /// caller disposes the lease when the run's answer is decided, whether or not it was acquired.</summary>
    public RateLimitLease? TryAcquire(string tenant) => _limiter?.AttemptAcquire(tenant);

    public void Dispose() => _limiter?.Dispose();

    // Refilled in steps of about a tenth of a second: a step per run at a high rate would need a timer tick per run.
    private static TokenBucketRateLimiterOptions Bucket(double rate, int? burst)
    {
        var perStep = Math.Max(1, (int)Math.Ceiling(rate / 10));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst ?? Math.Max(1, (int)Math.Ceiling(rate)),
            TokensPerPeriod = perStep,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perStep / rate),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
