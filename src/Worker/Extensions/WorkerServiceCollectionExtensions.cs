using IsolatedRuntime.Client;
using IsolatedRuntime.Sandbox;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker;

/// <summary>
/// The one composition of a worker: options, sandbox, result store and the MassTransit consumer. A fleet worker runs
/// it on RabbitMQ; embedded mode runs the very same on the in-memory transport, with a client in the same process.
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
    /// Adds embedded mode: the worker's consumer and an in-memory result store on MassTransit's in-memory transport,
    /// and an <see cref="IIsolatedRuntimeClient"/> that talks to it, all in this process. Start the host (or the
    /// hosted services) before calling the client.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configureWorker">Overrides of the worker settings (at least <see cref="WorkerOptions.CodeBase"/>).</param>
    /// <param name="configureSandbox">Overrides of the sandbox settings.</param>
    public static IServiceCollection AddIsolatedRuntimeEmbedded(
        this IServiceCollection services, Action<WorkerOptions>? configureWorker = null, Action<SandboxOptions>? configureSandbox = null)
    {
        // Without a host there is no configuration to bind from; the callbacks then carry every setting.
        services.TryAddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddIsolatedRuntimeWorker(WorkerTransport.InMemory);
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

    /// <summary>Adds the worker on the given transport; both public entry points come through here.</summary>
    public static IServiceCollection AddIsolatedRuntimeWorker(this IServiceCollection services, WorkerTransport transport)
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
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<RunTelemetry>();
        services.AddSingleton<WorkQueueTopology>();
        services.AddSingleton(provider => new RedisConnection(provider.GetRequiredService<IOptions<WorkerConnections>>().Value.Redis!));
        services.AddSingleton(provider => ResultStore(provider, transport));
        services.AddSingleton<BrokerFacts>();
        services.AddSingleton<AnswerDelivery>();
        if (transport == WorkerTransport.RabbitMq)
        {
            services.AddSingleton<ReplyRouter>();

            // Before the bus: the outcome exchanges exist before the worker takes its first request.
            services.AddHostedService<BrokerCheck>();
        }

        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<RunRequestedConsumer, RunRequestedConsumerDefinition>();
            if (transport == WorkerTransport.InMemory)
            {
                bus.AddIsolatedRuntimeClient();
                bus.AddSingleton<IRunResultReader>(provider => provider.GetRequiredService<IRunResultStore>());
                bus.UsingInMemory((context, memory) => memory.ConfigureEndpoints(context));
            }
            else
            {
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    var broker = RabbitMqConnection.Parse(context.GetRequiredService<IOptions<WorkerConnections>>().Value.RabbitMq);
                    broker.Apply(rabbit);
                    context.GetRequiredService<WorkQueueTopology>().Apply(rabbit, broker);
                    rabbit.ConfigureEndpoints(context);
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
