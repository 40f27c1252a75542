using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The one RabbitMQ and the one Redis the fleet tests share, found in this order: connection strings from the
/// environment (<c>ConnectionStrings__RabbitMq</c>, <c>ConnectionStrings__Redis</c>); containers started with
/// Testcontainers where a Docker engine answers, from the images the compose file uses (<see cref="FleetImages"/>:
/// local stand-ins where no registry answers); private local instances started with <c>scripts/services.sh</c>;
/// otherwise a message saying what to install. <c>FLEET_SERVICES=containers</c> or <c>processes</c> picks one of the
/// last two (scripts/test.sh runs the fleet tests on processes, then two classes again on containers).
/// </summary>
public sealed class FleetServices : IAsyncLifetime
{
    /// <summary>Environment variable: <c>containers</c>, <c>processes</c>, or unset (containers when Docker answers).</summary>
    public const string ChoiceVariable = "FLEET_SERVICES";

    private const string _testcontainers = "Testcontainers";
    private readonly List<Func<Task>> _teardown = [];

    /// <summary><c>amqp://user:pass@host:port/</c></summary>
    public string RabbitMq { get; private set; } = "";

    /// <summary><c>host:port</c></summary>
    public string Redis { get; private set; } = "";

    /// <summary>Where the services came from, for test output: environment, Testcontainers or scripts/services.sh.</summary>
    public string Source { get; private set; } = "";

    /// <summary>True when the services run in containers started by Testcontainers.</summary>
    public bool InContainers => Source.StartsWith(_testcontainers, StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        RabbitMq = Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq") ?? "";
        Redis = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "";
        Source = "environment";
        if (RabbitMq.Length > 0 && Redis.Length > 0)
        {
            return;
        }

        var choice = Environment.GetEnvironmentVariable(ChoiceVariable);
        if (choice is not (null or "" or "containers" or "processes"))
        {
            throw new InvalidOperationException($"{ChoiceVariable}={choice} is not a choice: use 'containers' (Testcontainers, needs Docker) or 'processes' (scripts/services.sh), or leave it unset.");
        }

        if (choice == "containers" || (choice != "processes" && DockerEngine.Answers))
        {
            DockerEngine.EnsureAnswers();
            await StartContainersAsync();
            return;
        }

        if (LocalServices.Installed())
        {
            var local = await LocalServices.StartAsync();
            _teardown.Add(local.StopAsync);
            RabbitMq = RabbitMq.Length > 0 ? RabbitMq : local.RabbitMq;
            Redis = Redis.Length > 0 ? Redis : local.Redis;
            Source = "scripts/services.sh";
            return;
        }

        throw new InvalidOperationException(
            "The fleet tests need RabbitMQ and Redis, and none was found: no ConnectionStrings__RabbitMq / " +
            "ConnectionStrings__Redis in the environment, no Docker engine, and the Debian packages are not installed. " +
            "Install them with 'apt-get install -y --no-install-recommends rabbitmq-server redis-server' (the tests " +
            "start private instances; the system services stay off), or point the two variables at running servers.");
    }

    public async Task DisposeAsync()
    {
        foreach (var teardown in _teardown)
        {
            await teardown();
        }
    }

    private async Task StartContainersAsync()
    {
        var images = await FleetImages.EnsureAsync();
        TestcontainersEngine.Configure();
        if (RabbitMq.Length == 0)
        {
            var rabbit = new RabbitMqBuilder(images["RABBITMQ_IMAGE"]).Build();
            _teardown.Add(() => rabbit.DisposeAsync().AsTask());
            await rabbit.StartAsync();
            RabbitMq = rabbit.GetConnectionString();
        }

        if (Redis.Length == 0)
        {
            var redis = new RedisBuilder(images["REDIS_IMAGE"]).Build();
            _teardown.Add(() => redis.DisposeAsync().AsTask());
            await redis.StartAsync();
            Redis = redis.GetConnectionString();
        }

        Source = $"{_testcontainers} ({images["RABBITMQ_IMAGE"]}, {images["REDIS_IMAGE"]})";
    }
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetServices>
{
    public const string Name = "Fleet";
}
