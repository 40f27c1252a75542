using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker;

/// <summary>
/// Turns a <see cref="RunRequested"/> into sandbox <see cref="RunOptions"/>: paths through the code-base jail, JSON
/// into nodes, and the worker's size caps applied. Everything it refuses is <c>InvalidRequest</c> with a reason that
/// names the field and what to send instead.
/// </summary>
internal sealed class RunRequestMapper(CodeBase codeBase, IOptions<WorkerOptions> options)
{
    private readonly WorkerOptions _options = options.Value;

    public MappedRequest Map(RunRequested request)
    {
        var refusal = RequiredFields(request) ?? SourcesWithinCaps(request.Sources) ??
            JsonWithinCap(request.Args, "args", _options.MaxArgsBytes, "MaxArgsBytes") ??
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
            Context = ToNode(request.Context),
            External = request.External,
            WhitelistedPaths = whitelisted,
            ResolverOptions = ToNode(request.ResolverOptions),
            Timeout = request.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            MemoryLimitBytes = request.MemoryLimitBytes,
            Warm = request.Warm,
        }, null);
    }

    private static string? RequiredFields(RunRequested request)
    {
        if (request.Root is null && request.Sources is null)
        {
            return "The request has neither root nor sources. Send root (a folder relative to the worker's code base) " +
                "or sources (inline files).";
        }

        if (request.Root is not null && request.Sources is not null)
        {
            return "The request has both root and sources. Send one of them.";
        }

        if (string.IsNullOrWhiteSpace(request.File))
        {
            return "The request has no file. Send the entry module, relative to the root, e.g. 'index.js'.";
        }

        if (string.IsNullOrWhiteSpace(request.FuncName))
        {
            return "The request has no funcName. Send the name of the exported function to call.";
        }

        if (request.TimeoutMs is <= 0)
        {
            return $"timeoutMs is {request.TimeoutMs}; send a positive number of milliseconds, or leave it out for the worker's default.";
        }

        return request.MemoryLimitBytes is <= 0
            ? $"memoryLimitBytes is {request.MemoryLimitBytes}; send a positive number of bytes, or leave it out for the worker's default."
            : null;
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
