namespace IsolatedRuntime.Worker.Admission;

/// <summary>
/// Section <c>IsolatedRuntime:Tenants</c>: per-tenant limits of one worker. A request names its tenant in its
/// <c>tenant</c> field; a tenant over its limit is answered <c>Overloaded</c> at once, without waiting.
/// </summary>
public sealed class TenantOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "IsolatedRuntime:Tenants";

    /// <summary>The limit of each tenant that is not listed in <see cref="Limits"/>, and of requests naming no tenant
    /// (together, as one tenant). Each unlisted tenant has a limit of this size of its own.</summary>
    public TenantLimit Default { get; set; } = new();

    /// <summary>Limits of named tenants (<c>IsolatedRuntime:Tenants:Limits:{tenant}:MaxConcurrentRuns</c>); a value a
    /// listed tenant leaves unset is the <see cref="Default"/>'s. Listed tenants also get their own label in the
    /// metrics; every other tenant is counted under <c>(unlisted)</c>.</summary>
    public Dictionary<string, TenantLimit> Limits { get; set; } = [];
}
