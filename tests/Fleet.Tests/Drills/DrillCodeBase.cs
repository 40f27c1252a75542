namespace IsolatedRuntime.Fleet.Tests;

/// <summary>The functions the drills call: the fleet tests' functions and a CPU-bound loop.</summary>
internal static class DrillCodeBase
{
    public static TestCodeBase Create() => TestCodeBase.Functions()
        .With("cpu/index.js", """
            exports.spin = (iterations) => { let x = 0; for (let i = 0; i < iterations; i++) { x = (x + i) % 1000003; } return x; };
            """);
}
