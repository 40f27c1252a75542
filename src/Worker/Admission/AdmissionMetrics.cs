using System.Diagnostics.Metrics;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Telemetry;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Admission;

/// <summary>
/// Admission's instruments on the worker's meter: requests answered <c>Expired</c>, and runs admitted or refused per
/// tenant. The tenant label is the tenant's name only for tenants the operator listed: names come from producers, and
/// a label per made-up name would grow the metrics without bound.
/// </summary>
internal sealed class AdmissionMetrics
{
    /// <summary>The <c>tenant</c> label of requests that name no tenant.</summary>
    public const string NoTenant = "(none)";

    /// <summary>The <c>tenant</c> label of every tenant not listed under <c>IsolatedRuntime:Tenants:Limits</c>.</summary>
    public const string Unlisted = "(unlisted)";

    private readonly Counter<long> _expired;
    private readonly Counter<long> _admitted;
    private readonly Counter<long> _refused;
    private readonly KeyValuePair<string, object?> _worker;

    public AdmissionMetrics(IMeterFactory meters, IOptions<WorkerOptions> options)
    {
        var meter = meters.Create(WorkerMetrics.MeterName);
        _expired = meter.CreateCounter<long>("isolated_runtime.runs.expired", "{run}",
            "Requests taken from the queue after their expiresAt or maximum queue age, answered Expired without running.");
        _admitted = meter.CreateCounter<long>("isolated_runtime.tenant.admitted", "{run}",
            "Runs admitted under their tenant's limits, by tenant (listed tenants by name, others as (unlisted)).");
        _refused = meter.CreateCounter<long>("isolated_runtime.tenant.refused", "{run}",
            "Runs answered Overloaded because their tenant was at its limit, by tenant (listed tenants by name, others as (unlisted)).");
        _worker = new("worker.id", options.Value.EffectiveWorkerId);
    }

    public void Expired() => _expired.Add(1, _worker);

    public void Admitted(string label) => _admitted.Add(1, _worker, new("tenant", label));

    public void Refused(string label) => _refused.Add(1, _worker, new("tenant", label));
}
