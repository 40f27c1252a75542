using IsolatedRuntime.Client;
using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Extensions;
using IsolatedRuntime.Worker.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IsolatedRuntime.Embedded;

/// <summary>
/// Embedded mode: the fleet worker's composition (<see cref="WorkerServiceCollectionExtensions"/>, its consumer and
/// consumer definition) on MassTransit's in-memory transport, with an <see cref="IIsolatedRuntimeClient"/> beside it.
/// One composition, not two: what a fleet worker does with a request, this process does too.
/// </summary>
public static class EmbeddedServiceCollectionExtensions
{
    /// <summary>
    /// Adds the worker's consumer and an in-memory result store on the in-memory transport, and an
    /// <see cref="IIsolatedRuntimeClient"/> that talks to it, all in this process. Start the host (or the hosted
    /// services) before calling the client.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configureWorker">Overrides of the worker settings (at least <see cref="WorkerOptions.CodeBase"/>).</param>
    /// <param name="configureSandbox">Overrides of the sandbox settings.</param>
    public static IServiceCollection AddIsolatedRuntimeEmbedded(
        this IServiceCollection services, Action<WorkerOptions>? configureWorker = null, Action<SandboxOptions>? configureSandbox = null)
    {
        // Without a host there is no configuration to bind from; the callbacks then carry every setting.
        services.TryAddSingleton<IConfiguration>(new ConfigurationBuilder().Build());

        // The client finds the worker's store as its IRunResultReader, registered by the worker's composition.
        services.AddIsolatedRuntimeWorker(WorkerTransport.InMemory, bus => bus.AddIsolatedRuntimeClient());
        if (configureWorker is not null)
        {
            services.Configure(configureWorker);
        }

        if (configureSandbox is not null)
        {
            services.Configure(configureSandbox);
        }

        return services;
    }
}
