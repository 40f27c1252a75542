using IsolatedRuntime.Protocol.Routing;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Admission;

/// <summary>Refuses to start a worker whose expiry or tenant settings cannot work, naming the setting and an example.</summary>
internal sealed class AdmissionOptionsValidator : IValidateOptions<TenantOptions>, IValidateOptions<ExpiryOptions>
{
    public ValidateOptionsResult Validate(string? name, ExpiryOptions options) =>
        options.DefaultMaxQueueAge is { } age && age <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail(
                "IsolatedRuntime:Expiry:DefaultMaxQueueAge must be positive, e.g. IsolatedRuntime__Expiry__DefaultMaxQueueAge=00:00:30, " +
                "or unset for no limit.")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, TenantOptions options)
    {
        var failures = new List<string>();
        Check(failures, "Default", options.Default);
        foreach (var (tenant, limit) in options.Limits)
        {
            if (TenantName.Problem(tenant) is { } problem)
            {
                failures.Add($"IsolatedRuntime:Tenants:Limits lists the tenant '{tenant}', whose name {problem}.");
            }

            Check(failures, $"Limits:{tenant}", limit);
        }

        foreach (var clash in options.Limits.Keys.GroupBy(tenant => TenantRoutes.Queue("", tenant), StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            failures.Add($"IsolatedRuntime:Tenants:Limits lists the tenants {string.Join(" and ", clash.Select(tenant => $"'{tenant}'"))}, " +
                "whose queues would have the same name (a listed tenant's queue writes '@' as '_at_'). List only one of them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string key, TenantLimit? limit)
    {
        if (limit is null)
        {
            return;
        }

        var env = $"IsolatedRuntime__Tenants__{key.Replace(":", "__", StringComparison.Ordinal)}";
        if (limit.MaxConcurrentRuns is <= 0)
        {
            failures.Add($"IsolatedRuntime:Tenants:{key}:MaxConcurrentRuns must be positive, e.g. {env}__MaxConcurrentRuns=4, or unset for no limit.");
        }

        if (limit.RunsPerSecond is { } rate && (rate <= 0 || !double.IsFinite(rate)))
        {
            failures.Add($"IsolatedRuntime:Tenants:{key}:RunsPerSecond must be positive, e.g. {env}__RunsPerSecond=50, or unset for no rate limit.");
        }

        if (limit.Burst is <= 0)
        {
            failures.Add($"IsolatedRuntime:Tenants:{key}:Burst must be positive, e.g. {env}__Burst=100, or unset for one second's worth of runs.");
        }
    }
}
