namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The images compose/docker-compose.yml runs on (<c>RABBITMQ_IMAGE</c>, <c>REDIS_IMAGE</c>, <c>DOTNET_SDK_IMAGE</c>,
/// <c>DOTNET_RUNTIME_IMAGE</c>), made sure of once per test run by <c>scripts/docker-images.sh</c>: the official
/// images where the engine has them or a registry answers, else local stand-ins built from Debian packages and this
/// machine's .NET (minutes the first time, seconds after).
/// </summary>
public static class FleetImages
{
    private static readonly SemaphoreSlim _once = new(1, 1);
    private static IReadOnlyDictionary<string, string>? _names;

    /// <summary>Image names by compose variable.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> EnsureAsync()
    {
        await _once.WaitAsync();
        try
        {
            if (_names is null)
            {
                DockerEngine.EnsureAnswers();
                var result = await ExternalCommand.RunAsync("bash", ["scripts/docker-images.sh", "build"], TimeSpan.FromMinutes(30));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"scripts/docker-images.sh could not make the fleet's images:\n{result}");
                }

                _names = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(line => line.Split('=', 2))
                    .Where(pair => pair.Length == 2)
                    .ToDictionary(pair => pair[0], pair => pair[1]);
            }

            return _names;
        }
        finally
        {
            _once.Release();
        }
    }
}
