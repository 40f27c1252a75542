namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>
/// Tests that measure the process's memory run alone: another test retaining memory at the same time would be
/// charged to them (a run is charged the process's live-heap growth, up to what it allocated itself).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryHeavy
{
    public const string Name = "Memory-heavy limits";
}
