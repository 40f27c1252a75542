using System.Diagnostics;

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
        string Setting(string name) => output.Split('\n').Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..]
            ?? throw new InvalidOperationException($"scripts/services.sh up printed no {name}: {output}");
        return new LocalServices(state, Setting("ConnectionStrings__RabbitMq"), Setting("ConnectionStrings__Redis"));
    }

    public async Task StopAsync() => await RunScriptAsync("down", _stateFolder);

    private static async Task<string> RunScriptAsync(string command, string stateFolder)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", "services.sh"), command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SERVICES_DIR"] = stateFolder;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"scripts/services.sh {command} failed: {await stderr}");
    }
}
