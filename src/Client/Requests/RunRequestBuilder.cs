using System.Text.Json;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Client.Requests;

/// <summary>Builds the wire message for a <see cref="RunRequest"/>, before anything is sent.</summary>
internal static class RunRequestBuilder
{
    public static RunRequested Build(RunRequest request, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(request, parameterName);
        var args = new JsonElement[request.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = JsonArguments.ToJson(request.Args[i], $"Argument {i} of '{request.FuncName}'", parameterName);
        }

        return new RunRequested
        {
            CorrelationId = request.CorrelationId ?? Guid.NewGuid(),
            Root = request.Root,
            Sources = request.Sources,
            File = request.File,
            FuncName = request.FuncName,
            Args = JsonSerializer.SerializeToElement(args, JsonArguments.Options),
            Context = request.Context is null ? null : ContextObject(request.Context, parameterName),
            External = request.External,
            WhitelistedPaths = request.WhitelistedPaths,
            ResolverOptions = request.ResolverOptions is null
                ? null
                : JsonArguments.ToJson(request.ResolverOptions, "The resolver options", parameterName),
            TimeoutMs = request.Timeout is { } timeout ? (int)Math.Ceiling(timeout.TotalMilliseconds) : null,
            MemoryLimitBytes = request.MemoryLimitBytes,
            Warm = request.Warm,
        };
    }

    private static JsonElement ContextObject(object context, string parameterName)
    {
        var json = JsonArguments.ToJson(context, "The context", parameterName);
        return json.ValueKind == JsonValueKind.Object
            ? json
            : throw new ArgumentException(
                "The context must be an object or dictionary: its properties become the run's globals.", parameterName);
    }
}
