namespace IsolatedRuntime.Fleet.Tests;

// Alone, after the parallel collections: a compose fleet loads both cores, and its figures should measure the fleet.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ComposeCollection
{
    public const string Name = "Compose";
}
