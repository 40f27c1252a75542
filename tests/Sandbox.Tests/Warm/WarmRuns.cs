using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox.Tests.Warm;

/// <summary>Warm run requests over inline sources, so a test reads as the code it runs.</summary>
internal static class WarmRuns
{
    /// <summary>A run of <c>f</c> in an <c>index.js</c> holding <paramref name="source"/>, warm unless told.</summary>
    public static RunOptions Of(string source, string? argsJson = null, string? contextJson = null, bool? warm = true, TimeSpan? timeout = null, long? memoryLimitBytes = null) => new()
    {
        Sources = new Dictionary<string, string> { ["index.js"] = source },
        File = "index.js",
        FuncName = "f",
        Args = argsJson is null ? null : JsonNode.Parse(argsJson),
        Context = contextJson is null ? null : JsonNode.Parse(contextJson),
        Warm = warm,
        Timeout = timeout,
        MemoryLimitBytes = memoryLimitBytes,
    };
}
