using IsolatedRuntime.Protocol.Connections;
using IsolatedRuntime.Protocol.Results;
using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Admission;
using IsolatedRuntime.Worker.Broker;
using IsolatedRuntime.Worker.Cancellation;
using IsolatedRuntime.Worker.Consumers;
using IsolatedRuntime.Worker.Health;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Replies;
using IsolatedRuntime.Worker.Requests;
using IsolatedRuntime.Worker.Results;
using IsolatedRuntime.Worker.Runs;
using IsolatedRuntime.Worker.Telemetry;
using IsolatedRuntime.Worker.Topology;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Extensions;

/// <summary>
/// The one composition of a worker: options, sandbox, result store and the MassTransit consumer. A fleet worker runs
/// it on RabbitMQ; embedded mode (<c>src/Embedded</c>) runs the very same on the in-memory transport, with a client in
/// the same process.
/// </summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a fleet worker to the host: settings from section <c>IsolatedRuntime</c> (sandbox under
    /// <c>IsolatedRuntime:Sandbox</c>) and <c>ConnectionStrings</c>, validated when the host starts.
    /// </summary>
    public static IHostApplicationBuilder AddIsolatedRuntimeWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddIsolatedRuntimeWorker(WorkerTransport.RabbitMq);
        builder.AddWorkerHealth();
        builder.AddWorkerTelemetry();
        return builder;
    }

    /// <summary>
    /// Adds the worker on the given transport: the fleet worker above comes through here, and so does embedded mode
    /// (<c>IsolatedRuntime.Embedded</c>), which runs the very same consumer on the in-memory transport.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="transport">RabbitMQ for a fleet worker; in-memory for a worker inside another process.</param>
    /// <param name="configureBus">Further registrations on the worker's MassTransit bus, e.g. a client beside it.</param>
    public static IServiceCollection AddIsolatedRuntimeWorker(
        this IServiceCollection services, WorkerTransport transport, Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        AddOptions(services, transport);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new CodeBase(provider.GetRequiredService<IOptions<WorkerOptions>>().Value.CodeBase!));
        services.AddSingleton(provider => new JsSandbox(
            provider.GetRequiredService<IOptions<SandboxOptions>>().Value,
            provider.GetService<IModuleResolver>(),
            provider.GetService<ISourceCompiler>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<RunRequestMapper>();
        services.AddSingleton<SandboxRunner>();
        services.AddSingleton<RunClaims>();
        services.AddSingleton<RunCancellations>();
        services.AddRunAdmission();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<RunTelemetry>();
        services.AddSingleton<WorkQueueTopology>();
        services.AddSingleton(provider => new RedisConnection(provider.GetRequiredService<IOptions<WorkerConnections>>().Value.Redis!));
        services.AddSingleton(provider => ResultStore(provider, transport));
        services.AddSingleton<IRunResultReader>(provider => provider.GetRequiredService<IRunResultStore>());
        services.AddSingleton<BrokerFacts>();
        services.AddSingleton<AnswerDelivery>();
        if (transport == WorkerTransport.RabbitMq)
        {
            services.AddSingleton<ReplyRouter>();

            // Before the bus, like the check below: the first requests find the engine's start-up already paid.
            services.AddHostedService<FirstRequestWarmUp>();

            // Before the bus: the outcome exchanges exist before the worker takes its first request.
            services.AddHostedService<BrokerCheck>();
        }

        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<RunRequestedConsumer, RunRequestedConsumerDefinition>();
            bus.AddConsumer<CancelRunConsumer, CancelRunConsumerDefinition>();
            configureBus?.Invoke(bus);
            if (transport == WorkerTransport.InMemory)
            {
                bus.UsingInMemory((context, memory) => memory.ConfigureEndpoints(context));
            }
            else
            {
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    var broker = RabbitMqConnection.Parse(context.GetRequiredService<IOptions<WorkerConnections>>().Value.RabbitMq);
                    broker.Apply(rabbit);
                    var topology = context.GetRequiredService<WorkQueueTopology>();
                    topology.Apply(rabbit, broker);

                    // The shared work queue first: a consumer configured on an endpoint by hand is left out of
                    // ConfigureEndpoints afterwards.
                    rabbit.ConfigureEndpoints(context);
                    foreach (var (tenant, queue) in topology.TenantQueues)
                    {
                        // The same consumer and definition as the shared queue (its prefetch, concurrency,
                        // deserializers, reply routing), so a listed tenant's backlog drains at the speed of
                        // admission: its runs beyond its limit are answered Overloaded, not held.
                        rabbit.ReceiveEndpoint(queue, endpoint =>
                        {
                            topology.BindTenant(endpoint, tenant);
                            endpoint.ConfigureConsumer<RunRequestedConsumer>(context);
                        });
                    }
                });
            }
        });
        return services;
    }

    private static void AddOptions(IServiceCollection services, WorkerTransport transport)
    {
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.AddOptions<SandboxOptions>().BindConfiguration($"{WorkerOptions.Section}:Sandbox");
        services.AddOptions<WorkerConnections>().BindConfiguration(WorkerConnections.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerConnections>>(new WorkerConnectionsValidator(transport));

        // Read unvalidated: the host resolves these while it is built, before the validation that reports bad settings.
        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) => host.ShutdownTimeout = ShutdownTimeout(configuration));
        services.AddOptions<MassTransitHostOptions>().Configure<IConfiguration>((host, configuration) =>
        {
            host.WaitUntilStarted = transport == WorkerTransport.InMemory;
            host.StopTimeout = ShutdownTimeout(configuration);
        });
    }

    private static TimeSpan ShutdownTimeout(IConfiguration configuration) =>
        configuration.GetSection(WorkerOptions.Section).GetValue(nameof(WorkerOptions.ShutdownTimeout), new WorkerOptions().ShutdownTimeout);

    private static IRunResultStore ResultStore(IServiceProvider provider, WorkerTransport transport)
    {
        var options = provider.GetRequiredService<IOptions<WorkerOptions>>().Value.ResultStore;
        var time = provider.GetRequiredService<TimeProvider>();
        var redis = provider.GetRequiredService<IOptions<WorkerConnections>>().Value.Redis;
        if (transport == WorkerTransport.RabbitMq && !string.IsNullOrWhiteSpace(redis))
        {
            return new DegradableRunResultStore(
                new RedisRunResultStore(provider.GetRequiredService<RedisConnection>(), options),
                options,
                time,
                provider.GetRequiredService<ILogger<DegradableRunResultStore>>());
        }

        if (transport == WorkerTransport.RabbitMq)
        {
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkerServiceCollectionExtensions))
                .LogWarning("ConnectionStrings:Redis is not set: this worker keeps outcomes in its own memory, so duplicates reaching other workers run again");
        }

        return new InMemoryRunResultStore(options, time);
    }
}
