using System.Text.Json;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The runtime settings a worker's speed depends on travel in its own runtimeconfig, so that a worker started by hand
/// (<c>dotnet IsolatedRuntime.Worker.dll</c>) runs as the image runs it, with nothing set in its environment.
/// </summary>
public sealed class WorkerRuntimeSettingsTests
{
    public static TheoryData<string, string> Settings => new()
    {
        // No instrumented tier: a fresh worker spent about twice the CPU per message over its warm-up with it.
        { "System.Runtime.TieredPGO", "false" },
        // Hot code reaches its optimized tier without the 100 ms quiet period (DOTNET_TC_CallCountingDelayMs=0).
        { "System.Runtime.TieredCompilation.CallCountingDelayMs", "0" },
        // Idle thread-pool threads block at once instead of spinning.
        { "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", "0" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_worker_runtimeconfig_carries_the_setting(string name, string value)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "IsolatedRuntime.Worker.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty(name, out var actual), $"{name} is not in {path}");
        Assert.Equal(value, actual.ToString().ToLowerInvariant());
    }
}
