using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol.Connections;
using IsolatedRuntime.Protocol.Results;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IsolatedRuntime.Client;

/// <summary>Registers <see cref="IIsolatedRuntimeClient"/>.</summary>
public static class ClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client with a MassTransit bus of its own on RabbitMQ (<see cref="IIsolatedRuntimeBus"/>), apart
    /// from any bus the application has. <see cref="IsolatedRuntimeClientOptions.RabbitMq"/> is required.
    /// </summary>
    /// <exception cref="ArgumentException">A connection string is missing or malformed; the message says how to fix it.</exception>
    public static IServiceCollection AddIsolatedRuntimeClient(this IServiceCollection services, Action<IsolatedRuntimeClientOptions> configure)
    {
        var options = Configure(configure);
        var broker = RabbitMqConnection.Parse(options.RabbitMq);
        services.AddMassTransit<IIsolatedRuntimeBus>(bus => bus.UsingRabbitMq((_, rabbit) => broker.Apply(rabbit)));
        AddClient(services, options, provider => provider.GetRequiredService<IIsolatedRuntimeBus>());
        return services;
    }

    /// <summary>
    /// Registers the client inside an application's existing <c>AddMassTransit(x =&gt; …)</c>, on that bus. Set
    /// <see cref="IsolatedRuntimeClientOptions.Redis"/> to look results up.
    /// </summary>
    /// <exception cref="ArgumentException">The Redis configuration string or the key prefix is malformed.</exception>
    public static IBusRegistrationConfigurator AddIsolatedRuntimeClient(
        this IBusRegistrationConfigurator bus, Action<IsolatedRuntimeClientOptions>? configure = null)
    {
        var options = Configure(configure);
        bus.AddRequestClient<RunRequested>();
        AddClient(bus, options, provider => provider.GetRequiredService<IBus>());
        return bus;
    }

    private static IsolatedRuntimeClientOptions Configure(Action<IsolatedRuntimeClientOptions>? configure)
    {
        var options = new IsolatedRuntimeClientOptions();
        configure?.Invoke(options);
        if (RunResultKeys.PrefixProblem(options.KeyPrefix) is { } problem)
        {
            throw new ArgumentException($"IsolatedRuntimeClientOptions.KeyPrefix {problem}. Use the workers' IsolatedRuntime__ResultStore__KeyPrefix, e.g. 'isolated-runtime:'.");
        }

        if (options.Redis is not null)
        {
            _ = RedisConnection.Parse(options.Redis);
        }

        return options;
    }

    private static void AddClient(IServiceCollection services, IsolatedRuntimeClientOptions options, Func<IServiceProvider, IBus> bus) =>
        services.TryAddSingleton<IIsolatedRuntimeClient>(provider => options.Redis is { } redis
            ? new IsolatedRuntimeClient(bus(provider), new RedisRunResultReader(new RedisConnection(redis), options.KeyPrefix), ownsResults: true, options)
            : new IsolatedRuntimeClient(bus(provider), provider.GetService<IRunResultReader>(), ownsResults: false, options));
}
