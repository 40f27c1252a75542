using System.Text.Json;
using IsolatedRuntime.Client.Requests;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Client;

/// <summary>What a producer does with a <see cref="RunReply"/>: take its result, or the fault as an exception.</summary>
public static class RunReplyExtensions
{
    /// <summary>The result deserialized as <typeparamref name="T"/> (camelCase names), or throws the fault.</summary>
    /// <exception cref="RunFaultedException">The run faulted.</exception>
    public static T? GetResult<T>(this RunReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Faulted is { } faulted)
        {
            throw new RunFaultedException(faulted);
        }

        var result = reply.Completed!.Result;
        return result is null || result.Value.ValueKind == JsonValueKind.Null
            ? default
            : result.Value.Deserialize<T>(JsonArguments.Options);
    }
}
