using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Options;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Requests;

/// <summary>
/// The one mapping of the wire request (<see cref="RunRequested"/>) to the sandbox's <see cref="RunOptions"/>: paths
/// through the code-base jail, JSON into nodes, and the worker's size caps applied. Everything it refuses is
/// <c>InvalidRequest</c> with a reason that names the field and what to send instead. The fields a run needs (file,
/// funcName, root or sources, positive budgets) are checked once, by the sandbox, which answers the same kind.
/// </summary>
internal sealed class RunRequestMapper(CodeBase codeBase, IOptions<WorkerOptions> options)
{
    private readonly WorkerOptions _options = options.Value;

    public MappedRequest Map(RunRequested request)
    {
        var refusal = SourcesWithinCaps(request.Sources) ??
            JsonWithinCap(request.Args, "args", _options.MaxArgsBytes, "MaxArgsBytes") ??
            JsonWithinCap(request.ArgsBatch, "argsBatch", _options.MaxArgsBytes, "MaxArgsBytes") ??
            JsonWithinCap(request.Context, "context", _options.MaxContextBytes, "MaxContextBytes");
        if (refusal is not null)
        {
            return MappedRequest.Refuse(refusal);
        }

        string? root = null;
        if (request.Root is not null)
        {
            if (codeBase.TryResolve(request.Root, "root", out var rootFolder) is { } badRoot)
            {
                return MappedRequest.Refuse(badRoot);
            }

            root = rootFolder;
        }

        var whitelisted = new List<string>();
        for (var i = 0; i < (request.WhitelistedPaths?.Count ?? 0); i++)
        {
            if (codeBase.TryResolve(request.WhitelistedPaths![i], $"whitelistedPaths[{i}]", out var folder) is { } bad)
            {
                return MappedRequest.Refuse(bad);
            }

            whitelisted.Add(folder);
        }

        return new MappedRequest(new RunOptions
        {
            Root = root,
            Sources = request.Sources,
            File = request.File,
            FuncName = request.FuncName,
            Args = ToNode(request.Args),
            ArgsBatch = ToNode(request.ArgsBatch),
            StopOnFirstFailure = request.StopOnFirstFailure ?? false,
            Context = ToNode(request.Context),
            External = request.External,
            WhitelistedPaths = whitelisted,
            ResolverOptions = ToNode(request.ResolverOptions),
            Timeout = request.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            MemoryLimitBytes = request.MemoryLimitBytes,
            CpuBudget = request.CpuBudgetMs is { } cpuMs ? TimeSpan.FromMilliseconds(cpuMs) : null,
            Warm = request.Warm,
        }, null);
    }

    private string? SourcesWithinCaps(IReadOnlyDictionary<string, string>? sources)
    {
        if (sources is null)
        {
            return null;
        }

        if (sources.Count > _options.MaxInlineFiles)
        {
            return $"sources holds {sources.Count} files, over the worker's cap of {_options.MaxInlineFiles} " +
                "(IsolatedRuntime:MaxInlineFiles). Deploy the code under the code base and send root instead.";
        }

        long bytes = 0;
        foreach (var (path, text) in sources)
        {
            bytes += Encoding.UTF8.GetByteCount(path) + Encoding.UTF8.GetByteCount(text ?? "");
        }

        return bytes > _options.MaxInlineSourceBytes
            ? $"sources hold {bytes} bytes, over the worker's cap of {_options.MaxInlineSourceBytes} " +
                "(IsolatedRuntime:MaxInlineSourceBytes). Deploy the code under the code base and send root instead."
            : null;
    }

    private static string? JsonWithinCap(JsonElement? json, string field, int cap, string setting)
    {
        if (json is not { } element || element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetByteCount(element.GetRawText());
        return bytes > cap
            ? $"{field} is {bytes} bytes of JSON, over the worker's cap of {cap} (IsolatedRuntime:{setting}). Send less " +
                "data, or a reference the function can look up."
            : null;
    }

    private static JsonNode? ToNode(JsonElement? json) =>
        json is { } element && element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null)
            ? JsonSerializer.SerializeToNode(element)
            : null;
}
