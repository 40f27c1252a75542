using IsolatedRuntime.Protocol.Connections;
using IsolatedRuntime.Worker.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Health;

/// <summary>
/// Readiness, but never worse than Degraded: without Redis the worker still runs requests (without caching or claims),
/// so losing it must not take the worker out of service.
/// </summary>
internal sealed class ResultStoreHealthCheck(IServiceProvider services, IOptions<WorkerConnections> connections, IOptions<HealthOptions> options)
    : IHealthCheck
{
    public const string Name = "result-store";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(connections.Value.Redis))
        {
            return HealthCheckResult.Degraded("No Redis is configured (ConnectionStrings:Redis): outcomes are cached in this worker's memory only.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CheckTimeout);
        try
        {
            var database = await services.GetRequiredService<RedisConnection>().GetDatabaseAsync(timeout.Token);
            if (!database.Multiplexer.IsConnected)
            {
                return Unreachable("not connected");
            }

            var latency = await database.PingAsync().WaitAsync(timeout.Token);
            return HealthCheckResult.Healthy("Redis answers.", new Dictionary<string, object> { ["pingMs"] = latency.TotalMilliseconds });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Unreachable(ex is OperationCanceledException ? $"no answer within {options.Value.CheckTimeout.TotalSeconds} s" : ex.Message);
        }
    }

    private static HealthCheckResult Unreachable(string reason) => HealthCheckResult.Degraded(
        $"Redis is unreachable ({reason}): requests run without caching or claims until it is back; check ConnectionStrings:Redis and the Redis server.");
}
