using System.Diagnostics;
using System.Net.Sockets;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The one RabbitMQ and the one Redis the fleet tests share, found in this order: connection strings from the
/// environment (<c>ConnectionStrings__RabbitMq</c>, <c>ConnectionStrings__Redis</c>); containers where a Docker engine
/// answers; private local instances started with <c>scripts/services.sh</c>; otherwise a message saying what to install.
/// </summary>
public sealed class FleetServices : IAsyncLifetime
{
    private readonly List<Func<Task>> _teardown = [];

    /// <summary><c>amqp://user:pass@host:port/</c></summary>
    public string RabbitMq { get; private set; } = "";

    /// <summary><c>host:port</c></summary>
    public string Redis { get; private set; } = "";

    /// <summary>Where the services came from, for test output.</summary>
    public string Source { get; private set; } = "";

    public async Task InitializeAsync()
    {
        RabbitMq = Environment.GetEnvironmentVariable("ConnectionStrings__RabbitMq") ?? "";
        Redis = Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "";
        Source = "environment";
        if (RabbitMq.Length > 0 && Redis.Length > 0)
        {
            return;
        }

        if (await DockerAnswersAsync())
        {
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
        if (RabbitMq.Length == 0)
        {
            var rabbit = new RabbitMqBuilder("rabbitmq:3.13-alpine").Build();
            await rabbit.StartAsync();
            _teardown.Add(() => rabbit.DisposeAsync().AsTask());
            RabbitMq = rabbit.GetConnectionString();
        }

        if (Redis.Length == 0)
        {
            var redis = new RedisBuilder("redis:7.0-alpine").Build();
            await redis.StartAsync();
            _teardown.Add(() => redis.DisposeAsync().AsTask());
            Redis = redis.GetConnectionString();
        }

        Source = "Testcontainers";
    }

    // A fast yes or no: Testcontainers' own probe can wait a long time for an engine that is not there.
    private static async Task<bool> DockerAnswersAsync()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = host is null ? "/var/run/docker.sock" : host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : null;
        if (socketPath is null)
        {
            return host is not null;
        }

        if (!File.Exists(socketPath))
        {
            return false;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            Debug.WriteLine($"Docker socket does not answer: {ex.Message}");
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetServices>
{
    public const string Name = "Fleet";
}
