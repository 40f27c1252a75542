namespace IsolatedRuntime.Cli.Backends;

/// <summary>Picks the backend the command line asks for. The one place a fleet backend is added.</summary>
internal static class RunBackendFactory
{
    public static IRunBackend Create(RunBackendSettings settings) =>
        settings.Broker is null ? EmbeddedRunBackend.Create(settings) : FleetRunBackend.Create(settings);
}
