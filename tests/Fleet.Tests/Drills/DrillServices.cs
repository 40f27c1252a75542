namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A RabbitMQ and a Redis that only the drills use, started privately with <c>scripts/services.sh</c>, so that the
/// outage drills can stop and start them without disturbing the other fleet tests.
/// </summary>
public sealed class DrillServices : IAsyncLifetime, IDrillServices
{
    private LocalServices? _local;

    /// <summary><c>amqp://user:pass@host:port/</c></summary>
    public string RabbitMq => Local.RabbitMq;

    /// <summary><c>host:port</c></summary>
    public string Redis => Local.Redis;

    private LocalServices Local => _local ?? throw new InvalidOperationException("The drill services are not started.");

    public async Task InitializeAsync()
    {
        if (!LocalServices.Installed())
        {
            throw new InvalidOperationException(
                "The reliability drills stop and start their own RabbitMQ and Redis, and these are not installed. Install " +
                "them with 'apt-get install -y --no-install-recommends rabbitmq-server redis-server' (the drills start " +
                "private instances; the system services stay off).");
        }

        _local = await LocalServices.StartAsync();
    }

    /// <summary>Stops Redis; keys are lost (it runs without persistence), as after a real Redis restart.</summary>
    public Task StopRedisAsync() => Local.StopServiceAsync("redis");

    public Task StartRedisAsync() => Local.StartServiceAsync("redis");

    /// <summary>Stops the broker; durable queues and their messages survive its restart.</summary>
    public Task StopRabbitMqAsync() => Local.StopServiceAsync("rabbitmq");

    public Task StartRabbitMqAsync() => Local.StartServiceAsync("rabbitmq");

    public async Task DisposeAsync()
    {
        if (_local is not null)
        {
            await _local.StopAsync();
        }
    }
}

// Alone, after the parallel collections: the drills load both cores, and their figures should measure the fleet.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DrillCollection : ICollectionFixture<DrillServices>
{
    public const string Name = "Drills";
}
