using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>Copies of <see cref="RunOptions"/> with one module setting changed.</summary>
internal static class RunOptionsChanges
{
    public static RunOptions WithExternal(this RunOptions run, params string[] names) => Copy(run, external: names);

    public static RunOptions WithWhitelist(this RunOptions run, params string[] folders) => Copy(run, whitelist: folders);

    public static RunOptions WithResolverOptions(this RunOptions run, string json) => Copy(run, resolverOptions: JsonNode.Parse(json));

    public static RunOptions WithTimeout(this RunOptions run, TimeSpan timeout) => Copy(run, timeout: timeout);

    private static RunOptions Copy(
        RunOptions run,
        IReadOnlyList<string>? external = null,
        IReadOnlyList<string>? whitelist = null,
        JsonNode? resolverOptions = null,
        TimeSpan? timeout = null) => new()
        {
            Root = run.Root,
            Sources = run.Sources,
            File = run.File,
            FuncName = run.FuncName,
            Args = run.Args,
            Context = run.Context,
            External = external ?? run.External,
            WhitelistedPaths = whitelist ?? run.WhitelistedPaths,
            ResolverOptions = resolverOptions ?? run.ResolverOptions,
            Timeout = timeout ?? run.Timeout,
            MemoryLimitBytes = run.MemoryLimitBytes,
        };
}
