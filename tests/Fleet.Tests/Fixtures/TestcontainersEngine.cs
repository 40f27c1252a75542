using DotNet.Testcontainers.Configurations;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Testcontainers' settings for the engine at hand, set before its first container.</summary>
internal static class TestcontainersEngine
{
    // Testcontainers 4 speaks Docker API 1.44 unless told otherwise; Debian 12's engine (docker.io 20.10) speaks 1.41.
    private static readonly Version _testcontainersApi = new(1, 44);

    public static void Configure()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is null &&
            Version.TryParse(DockerEngine.ApiVersion, out var engineApi) && engineApi < _testcontainersApi)
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", DockerEngine.ApiVersion);
        }

        // Ryuk, the container that removes a crashed test run's containers, is an image no registry serves here, so it
        // is off unless TESTCONTAINERS_RYUK_DISABLED says otherwise; the fixtures remove their containers themselves,
        // and a killed test run's leftovers carry the label org.testcontainers=true (docs/operations.md).
        if (Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED") is null)
        {
            TestcontainersSettings.ResourceReaperEnabled = false;
        }
    }
}
