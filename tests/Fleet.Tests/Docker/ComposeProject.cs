using System.Globalization;
using System.Security.Cryptography;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// compose/docker-compose.yml brought up as a project of its own (<c>-p isolated-runtime-drill-…</c>) with an env
/// file of its own: compose/.env.example with fresh passwords, a free port for the management UI, the images of
/// <see cref="FleetImages"/> and the given number of workers. Every command goes through the compose CLI a user
/// would type (<c>docker-compose</c> 1.29 where installed, else <c>docker compose</c>) and the docker CLI.
/// </summary>
public sealed class ComposeProject : IAsyncDisposable
{
    public const string ComposeFile = "compose/docker-compose.yml";

    private static readonly TimeSpan _commandTimeout = TimeSpan.FromMinutes(5);

    private ComposeProject(string name, string envFile, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        EnvFile = envFile;
        Settings = settings;
    }

    /// <summary>The compose CLI: <c>docker-compose</c> (v1, Debian 12's 1.29) when on PATH, else <c>docker compose</c> (v2).</summary>
    public static IReadOnlyList<string> Cli { get; } = OnPath("docker-compose") ? ["docker-compose"] : ["docker", "compose"];

    /// <summary>The project name: containers, networks and volumes carry it in the label com.docker.compose.project.</summary>
    public string Name { get; }

    public string EnvFile { get; }

    /// <summary>Every variable of the env file.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The broker URI as the compose network's containers reach it.</summary>
    public string BrokerUri => $"amqp://{Settings["RABBITMQ_USER"]}:{Settings["RABBITMQ_PASSWORD"]}@rabbitmq:5672/";

    /// <summary>The Redis configuration as the compose network's containers reach it.</summary>
    public string RedisConfiguration => $"redis:6379,password={Settings["REDIS_PASSWORD"]}";

    public static async Task<ComposeProject> CreateAsync(IReadOnlyDictionary<string, string> images, int workers)
    {
        var name = $"isolated-runtime-drill-{Guid.NewGuid().ToString("N")[..8]}";
        var settings = new Dictionary<string, string>();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(Repository.Root, "compose", ".env.example")))
        {
            var pair = line.Split('=', 2);
            if (pair.Length == 2 && !line.TrimStart().StartsWith('#'))
            {
                settings[pair[0].Trim()] = pair[1].Trim();
            }
        }

        foreach (var (key, image) in images)
        {
            settings[key] = image;
        }

        settings["RABBITMQ_PASSWORD"] = Secret();
        settings["REDIS_PASSWORD"] = Secret();
        settings["RABBITMQ_UI_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        settings["WORKER_REPLICAS"] = workers.ToString(CultureInfo.InvariantCulture);
        var envFile = Path.Combine(Path.GetTempPath(), $"{name}.env");
        await File.WriteAllLinesAsync(envFile, settings.Select(setting => $"{setting.Key}={setting.Value}"));
        return new ComposeProject(name, envFile, settings);
    }

    /// <summary>The full command line of <c>compose … ARGS</c> for this project, as docs/operations.md shows it.</summary>
    public IReadOnlyList<string> CommandLine(params string[] args) =>
        [.. Cli, "-p", Name, "-f", ComposeFile, "--env-file", EnvFile, .. args];

    /// <summary>Runs <c>compose … ARGS</c>; fails the test with everything it printed when it fails.</summary>
    public Task<CommandResult> ComposeAsync(params string[] args) => ComposeAsync(_commandTimeout, args);

    /// <summary>Runs <c>compose … ARGS</c>, giving it <paramref name="timeout"/> (a cold image build takes many minutes).</summary>
    public async Task<CommandResult> ComposeAsync(TimeSpan timeout, params string[] args)
    {
        var result = await TryComposeAsync(timeout, null, args);
        return result.Succeeded ? result : throw new InvalidOperationException(result.ToString());
    }

    /// <summary>Runs <c>compose … ARGS</c>; each line of its stderr goes to <paramref name="onErrorLine"/> as it comes.</summary>
    public Task<CommandResult> TryComposeAsync(TimeSpan timeout, Action<string>? onErrorLine, params string[] args)
    {
        var line = CommandLine(args);
        return ExternalCommand.RunAsync(line[0], line.Skip(1), timeout, onErrorLine: onErrorLine);
    }

    /// <summary>Runs <c>docker ARGS</c>; fails the test with everything it printed when it fails.</summary>
    public static async Task<CommandResult> DockerAsync(params string[] args)
    {
        var result = await ExternalCommand.RunAsync("docker", args, _commandTimeout);
        return result.Succeeded ? result : throw new InvalidOperationException(result.ToString());
    }

    /// <summary>The project's containers of <paramref name="service"/>, running or not.</summary>
    public async Task<IReadOnlyList<ServiceContainer>> ContainersAsync(string service)
    {
        var ids = (await DockerAsync("ps", "-aq", "--no-trunc", "--filter", $"label=com.docker.compose.project={Name}",
            "--filter", $"label=com.docker.compose.service={service}")).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return [];
        }

        var inspected = await DockerAsync(["inspect", "--format",
            "{{.Id}} {{.Name}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}} {{.State.Pid}} {{.State.ExitCode}}",
            .. ids]);
        return inspected.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ServiceContainer.Parse).ToList();
    }

    /// <summary>Waits until exactly <paramref name="count"/> containers of <paramref name="service"/> run, all healthy.</summary>
    public async Task<IReadOnlyList<ServiceContainer>> WaitForHealthyAsync(string service, int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var running = (await ContainersAsync(service)).Where(container => container.Status == "running").ToList();
            if (running.Count == count && running.All(container => container.Health == "healthy"))
            {
                return running;
            }

            if (DateTime.UtcNow > deadline)
            {
                var logs = string.Join("\n", await Task.WhenAll(running.Select(async container =>
                    $"--- {container.Name}\n{(await ExternalCommand.RunAsync("docker", ["logs", "--tail", "30", container.Id], _commandTimeout)).Errors}")));
                throw new TimeoutException($"{service}: wanted {count} healthy, after {within} found " +
                    $"{string.Join(", ", running.Select(container => $"{container.Name} {container.Health}"))}\n{logs}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>How long the container's recent health checks took, from start to end (the engine keeps the last five).</summary>
    public static async Task<IReadOnlyList<TimeSpan>> HealthCheckDurationsAsync(ServiceContainer container)
    {
        using var inspected = await DockerEngine.GetJsonAsync($"containers/{container.Id}/json", TimeSpan.FromSeconds(30));
        return inspected.RootElement.GetProperty("State").GetProperty("Health").GetProperty("Log").EnumerateArray()
            .Select(check => check.GetProperty("End").GetDateTimeOffset() - check.GetProperty("Start").GetDateTimeOffset())
            .ToList();
    }

    /// <summary>CPU time a container has used since it started (its cgroup's, from the engine's stats).</summary>
    public static async Task<TimeSpan> CpuTimeAsync(ServiceContainer container)
    {
        using var stats = await DockerEngine.GetJsonAsync($"containers/{container.Id}/stats?stream=false&one-shot=true", TimeSpan.FromSeconds(30));
        var nanoseconds = stats.RootElement.GetProperty("cpu_stats").GetProperty("cpu_usage").GetProperty("total_usage").GetInt64();
        return TimeSpan.FromTicks(nanoseconds / 100);
    }

    /// <summary>Containers, networks and volumes that still carry this project's label.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var label = $"label=com.docker.compose.project={Name}";
        var leftovers = new List<string>();
        foreach (var (kind, args) in new[]
        {
            ("container", new[] { "ps", "-aq", "--filter", label }),
            ("network", new[] { "network", "ls", "-q", "--filter", label }),
            ("volume", new[] { "volume", "ls", "-q", "--filter", label }),
        })
        {
            leftovers.AddRange((await DockerAsync(args)).Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(id => $"{kind} {id}"));
        }

        return leftovers;
    }

    /// <summary>Takes everything down whatever state the drill left it in; the env file goes too.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await TryComposeAsync(_commandTimeout, null, "--profile", "bench", "down", "-v", "--remove-orphans", "--timeout", "10");
        }
        finally
        {
            File.Delete(EnvFile);
        }
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

    private static bool OnPath(string program) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, program)));
}
