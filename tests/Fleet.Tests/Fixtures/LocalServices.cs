namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Private RabbitMQ and Redis on loopback, started and stopped with the repository's scripts/services.sh.</summary>
internal sealed class LocalServices
{
    private readonly string _stateFolder;

    private LocalServices(string stateFolder, string rabbitMq, string redis)
    {
        _stateFolder = stateFolder;
        RabbitMq = rabbitMq;
        Redis = redis;
    }

    public string RabbitMq { get; }

    public string Redis { get; }

    public static bool Installed() =>
        File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server") &&
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, "redis-server")));

    public static async Task<LocalServices> StartAsync()
    {
        var state = Path.Combine(Path.GetTempPath(), $"isolated-runtime-services-{Guid.NewGuid():N}");
        var output = await RunScriptAsync("up", state);
        return new LocalServices(
            state, RepositoryScript.Setting(output, "ConnectionStrings__RabbitMq"), RepositoryScript.Setting(output, "ConnectionStrings__Redis"));
    }

    public async Task StopAsync() => await RunScriptAsync("down", _stateFolder);

    /// <summary>Stops one service (<c>redis</c> or <c>rabbitmq</c>) in place, for the outage drills.</summary>
    public async Task StopServiceAsync(string service) => await RunScriptAsync("stop", _stateFolder, service);

    /// <summary>Starts a stopped service again on its port, credentials and state; returns once it answers.</summary>
    public async Task StartServiceAsync(string service) => await RunScriptAsync("start", _stateFolder, service);

    private static Task<string> RunScriptAsync(string command, string stateFolder, string? service = null) =>
        RepositoryScript.RunAsync("services.sh", new Dictionary<string, string> { ["SERVICES_DIR"] = stateFolder },
            service is null ? [command] : [command, service]);
}
