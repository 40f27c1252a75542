namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A test that needs a Docker engine: skipped, saying how to start one, where none answers — unless
/// <c>ISOLATED_RUNTIME_REQUIRE_DOCKER=1</c> (set by .ci/run), where it runs and fails instead.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (!DockerEngine.Required && !DockerEngine.Answers)
        {
            Skip = $"Needs Docker: {DockerEngine.Missing}";
        }
    }
}
