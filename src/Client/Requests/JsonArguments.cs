using System.Text.Json;
using System.Text.Json.Nodes;

namespace IsolatedRuntime.Client.Requests;

/// <summary>
/// Turns the .NET values of a <see cref="RunRequest"/> into JSON, refusing any value that would not come back the
/// same: the worker only ever sees JSON, so a value that changes on the way would run the function on other data.
/// </summary>
internal static class JsonArguments
{
    /// <summary>camelCase names, as JavaScript code expects them.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>Converts <paramref name="value"/>, or throws an <see cref="ArgumentException"/> naming <paramref name="what"/>.</summary>
    public static JsonElement ToJson(object? value, string what, string parameterName)
    {
        switch (value)
        {
            case null:
                return JsonSerializer.SerializeToElement<object?>(null, Options);
            case JsonElement element:
                return element.Clone();
            case JsonNode node:
                return JsonSerializer.SerializeToElement(node, Options);
        }

        var type = value.GetType();
        try
        {
            var sent = JsonSerializer.SerializeToElement(value, type, Options);
            var received = sent.Deserialize(type, Options);
            var resent = JsonSerializer.SerializeToElement(received, type, Options);
            if (JsonElement.DeepEquals(sent, resent))
            {
                return sent;
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Refused(what, parameterName, ex);
        }

        throw Refused(what, parameterName, null);
    }

    private static ArgumentException Refused(string what, string parameterName, Exception? inner) => new(
        $"{what} cannot be sent as JSON: it does not come back the same after a round trip (a NaN or infinite " +
        "number, a cycle, a delegate or stream, or properties that cannot be set back). Send plain data: numbers, " +
        "strings, booleans, arrays, dictionaries or records.",
        parameterName,
        inner);
}
