using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IsolatedRuntime.Worker.Health;

/// <summary>A probe's outcome, and its JSON body: <c>{"status", "probe", "checks": {name: {status, description, data}}}</c>.</summary>
internal sealed record WorkerHealthReport(HealthProbe Probe, WorkerHealthStatus Status, HealthReport Checks)
{
    private static readonly JsonSerializerOptions _json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>200 while the worker should keep receiving traffic (or stay alive), 503 otherwise.</summary>
    public int HttpStatusCode => Status is WorkerHealthStatus.Healthy or WorkerHealthStatus.Degraded ? 200 : 503;

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        status = Status.ToString(),
        probe = Probe.ToString().ToLowerInvariant(),
        durationMs = Math.Round(Checks.TotalDuration.TotalMilliseconds, 1),
        checks = Checks.Entries.ToDictionary(entry => entry.Key, entry => new
        {
            status = entry.Value.Status.ToString(),
            description = entry.Value.Description,
            data = entry.Value.Data.Count == 0 ? null : entry.Value.Data,
        }),
    }, _json);
}
