using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsolatedRuntime.Worker.Health;

/// <summary>Registers the worker's health checks, probes and HTTP endpoint.</summary>
internal static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// Liveness: the sandbox threads. Readiness: MassTransit's bus check (registered by <c>AddMassTransit</c>, tagged
    /// <c>ready</c>) and the result store (Degraded at worst). The endpoint listens when <c>Health:Port</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddWorkerHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section);
        builder.Services.AddHealthChecks()
            .AddCheck<SandboxHealthCheck>(SandboxHealthCheck.Name, tags: [HealthTags.Live])
            .AddCheck<ResultStoreHealthCheck>(ResultStoreHealthCheck.Name, tags: [HealthTags.Ready]);
        builder.Services.AddSingleton<BusReadiness>();
        builder.Services.AddSingleton<WorkerHealth>();
        builder.Services.AddHostedService<HealthEndpoint>();
        return builder;
    }
}
