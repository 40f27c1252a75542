using IsolatedRuntime.Worker.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A worker host in the test process, composed exactly as the worker executable composes itself.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private WorkerHost(IHost host) => Host = host;

    public IHost Host { get; }

    public T Get<T>() where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>Builds a host from settings in their configuration form (<c>IsolatedRuntime:CodeBase</c>…).</summary>
    public static HostApplicationBuilder Builder(IDictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Testing",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddIsolatedRuntimeWorker();
        return builder;
    }

    /// <summary>Starts a fleet worker and waits until its consumer is ready.</summary>
    public static async Task<WorkerHost> StartAsync(FleetServices services, string codeBase, string queue, string keyPrefix,
        string workerId, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = services.RabbitMq,
            ["ConnectionStrings:Redis"] = services.Redis,
            ["IsolatedRuntime:CodeBase"] = codeBase,
            ["IsolatedRuntime:QueueName"] = queue,
            ["IsolatedRuntime:WorkerId"] = workerId,
            ["IsolatedRuntime:ResultStore:KeyPrefix"] = keyPrefix,
            ["IsolatedRuntime:Sandbox:Pool:MaxThreads"] = "2",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Builder(settings);
        builder.Services.Configure<MassTransit.MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
