using System.Text.Json;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Client.Requests;

/// <summary>Builds the wire message for a <see cref="RunRequest"/>, before anything is sent.</summary>
internal static class RunRequestBuilder
{
    public static RunRequested Build(RunRequest request, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(request, parameterName);
        if (request.ArgsBatch is not null && request.Args.Count > 0)
        {
            throw new ArgumentException(
                "A request carries either Args (one run) or ArgsBatch (one argument list per item), not both.", parameterName);
        }

        var args = Arguments(request.Args, i => $"Argument {i} of '{request.FuncName}'", parameterName);
        JsonElement[][]? batch = null;
        if (request.ArgsBatch is { } items)
        {
            batch = new JsonElement[items.Count][];
            for (var item = 0; item < batch.Length; item++)
            {
                batch[item] = Arguments(
                    items[item] ?? throw new ArgumentException($"Batch item {item} is null: give it an argument list ([] for none).", parameterName),
                    i => $"Argument {i} of batch item {item}", parameterName);
            }
        }

        return new RunRequested
        {
            CorrelationId = request.CorrelationId ?? Guid.NewGuid(),
            Root = request.Root,
            Sources = request.Sources,
            File = request.File,
            FuncName = request.FuncName,
            Args = batch is null ? JsonSerializer.SerializeToElement(args, JsonArguments.Options) : null,
            ArgsBatch = batch is null ? null : JsonSerializer.SerializeToElement(batch, JsonArguments.Options),
            StopOnFirstFailure = batch is null || !request.StopOnFirstFailure ? null : true,
            Context = request.Context is null ? null : ContextObject(request.Context, parameterName),
            External = request.External,
            WhitelistedPaths = request.WhitelistedPaths,
            ResolverOptions = request.ResolverOptions is null
                ? null
                : JsonArguments.ToJson(request.ResolverOptions, "The resolver options", parameterName),
            TimeoutMs = Milliseconds(request.Timeout),
            MemoryLimitBytes = request.MemoryLimitBytes,
            CpuBudgetMs = Milliseconds(request.CpuBudget),
            ExpiresAt = request.ExpiresAt,
            MaxQueueAgeMs = Milliseconds(request.MaxQueueAge),
            Tenant = request.Tenant,
            Warm = request.Warm,
        };
    }

    private static JsonElement[] Arguments(IReadOnlyList<object?> values, Func<int, string> what, string parameterName)
    {
        var args = new JsonElement[values.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = JsonArguments.ToJson(values[i], what(i), parameterName);
        }

        return args;
    }

    private static int? Milliseconds(TimeSpan? span) => span is { } value ? (int)Math.Ceiling(value.TotalMilliseconds) : null;

    private static JsonElement ContextObject(object context, string parameterName)
    {
        var json = JsonArguments.ToJson(context, "The context", parameterName);
        return json.ValueKind == JsonValueKind.Object
            ? json
            : throw new ArgumentException(
                "The context must be an object or dictionary: its properties become the run's globals.", parameterName);
    }
}
