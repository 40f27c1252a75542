using IsolatedRuntime.Client;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A producer service: a host with the standalone client registration, as an application would have it.</summary>
public sealed class ClientHost : IAsyncDisposable
{
    private ClientHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IIsolatedRuntimeClient Client => Host.Services.GetRequiredService<IIsolatedRuntimeClient>();

    public static Task<ClientHost> StartAsync(FleetServices services, string keyPrefix, string queue, Action<IServiceCollection>? more = null) =>
        StartAsync(services.RabbitMq, services.Redis, keyPrefix, queue, more);

    public static async Task<ClientHost> StartAsync(string rabbitMq, string redis, string keyPrefix, string queue, Action<IServiceCollection>? more = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddIsolatedRuntimeClient(options =>
        {
            options.RabbitMq = rabbitMq;
            options.Redis = redis;
            options.KeyPrefix = keyPrefix;
            options.QueueName = queue;
            options.Timeout = TimeSpan.FromSeconds(60);
        });
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        more?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ClientHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
