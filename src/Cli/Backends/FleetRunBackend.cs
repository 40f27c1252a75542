using IsolatedRuntime.Client;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>A real fleet: requests go to the workers over RabbitMQ; folders are sent as typed, relative to their code base.</summary>
internal static class FleetRunBackend
{
    public static IRunBackend Create(RunBackendSettings settings) => new ClientRunBackend(
        services => services.AddIsolatedRuntimeClient(options =>
        {
            options.RabbitMq = settings.Broker;
            options.Redis = settings.Redis;
            if (settings.Queue is { } queue)
            {
                options.QueueName = queue;
            }
        }),
        path => path,
        isFleet: true);
}
