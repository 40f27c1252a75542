using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IsolatedRuntime.Cli.Commands;

/// <summary>
/// Options whose value is JSON text. Bad JSON, or JSON of the wrong shape, is a usage error naming the option, what
/// was wrong and an example that works.
/// </summary>
internal static class JsonOptionFactory
{
    /// <param name="name">The option's name.</param>
    /// <param name="description">What it is for.</param>
    /// <param name="example">A value that works, shown in the help and in every error.</param>
    /// <param name="problem">Further checks of a value of the right shape: what is wrong with it, or null.</param>
    public static Option<T?> Create<T>(string name, string description, string example, Func<T, string?>? problem = null)
        where T : JsonNode
    {
        var option = new Option<T?>(name)
        {
            Description = $"{description} Example: {name} '{example}'",
            HelpName = "JSON",
        };
        option.CustomParser = result => Parse(result, name, example, problem);
        return option;
    }

    /// <summary>An option whose JSON may also come from a file: <c>@path</c> reads the file.</summary>
    public static Option<T?> CreateWithFile<T>(string name, string description, string example, Func<T, string?>? problem = null)
        where T : JsonNode
    {
        var option = Create(name, $"{description} Or @FILE to read the JSON from a file.", example, problem);
        option.HelpName = "JSON|@FILE";
        return option;
    }

    private static T? Parse<T>(ArgumentResult result, string name, string example, Func<T, string?>? problem)
        where T : JsonNode
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (text.StartsWith('@'))
        {
            try
            {
                text = File.ReadAllText(text[1..]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                result.AddError($"{name} {text}: the file cannot be read ({ex.Message}). Give a readable file after the @, or the JSON itself.");
                return null;
            }
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            result.AddError($"{name} is not valid JSON: {ex.Message} Pass it quoted for the shell, e.g. {name} '{example}'.");
            return null;
        }

        if (node is T typed)
        {
            if (problem?.Invoke(typed) is { } wrong)
            {
                result.AddError($"{name} {wrong} Example: {name} '{example}'.");
                return null;
            }

            return typed;
        }

        if (node is null && typeof(T) == typeof(JsonNode))
        {
            return null;
        }

        result.AddError($"{name} must be a JSON {ShapeName<T>()}, not {Describe(node)}. Example: {name} '{example}'.");
        return null;
    }

    private static string ShapeName<T>() =>
        typeof(T) == typeof(JsonArray) ? "array" : typeof(T) == typeof(JsonObject) ? "object" : "value";

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
        _ => "something else",
    };
}
