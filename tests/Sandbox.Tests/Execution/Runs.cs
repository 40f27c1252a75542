using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox.Tests.Execution;

/// <summary>Builds run requests from inline sources, so a test reads as the code it runs.</summary>
internal static class Runs
{
    /// <summary>A run of <paramref name="funcName"/> in an <c>index.js</c> holding <paramref name="source"/>.</summary>
    public static RunOptions Inline(string source, string funcName = "f", string? argsJson = null, string? contextJson = null, TimeSpan? timeout = null) =>
        Files(new Dictionary<string, string> { ["index.js"] = source }, "index.js", funcName, argsJson, contextJson, timeout);

    /// <summary>A run over several inline files.</summary>
    public static RunOptions Files(IReadOnlyDictionary<string, string> sources, string file, string funcName, string? argsJson = null, string? contextJson = null, TimeSpan? timeout = null) => new()
    {
        Sources = sources,
        File = file,
        FuncName = funcName,
        Args = argsJson is null ? null : JsonNode.Parse(argsJson),
        Context = contextJson is null ? null : JsonNode.Parse(contextJson),
        Timeout = timeout,
    };
}
