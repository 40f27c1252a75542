using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;

namespace IsolatedRuntime.Sandbox.Serialization;

/// <summary>
/// Turns request JSON (args, context) into plain JavaScript values of one engine. Walks the <see cref="JsonNode"/>
/// tree directly rather than re-parsing text, and builds only intrinsic objects, arrays and primitives: no CLR object
/// ever reaches user code.
/// </summary>
internal static class JsonToJs
{
    // Deeper input than this is refused rather than walked, so a hostile request cannot exhaust the stack here.
    internal const int MaxDepth = 256;

    /// <summary>Converts <paramref name="node"/>; throws <see cref="JsonException"/> when it nests deeper than allowed.</summary>
    public static JsValue Convert(Engine engine, JsonNode? node) => Convert(engine, node, 0);

    private static JsValue Convert(Engine engine, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new JsonException($"The JSON nests deeper than {MaxDepth} levels.");
        }

        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Convert(engine, array[i], depth + 1);
                }

                return new JsArray(engine, items);
            case JsonObject obj:
                var target = new JsObject(engine);
                foreach (var (key, value) in obj)
                {
                    target.CreateDataProperty(key, Convert(engine, value, depth + 1));
                }

                return target;
            default:
                return ConvertValue(node.AsValue());
        }
    }

    private static JsValue ConvertValue(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => new JsString(value.GetValue<string>()),
        JsonValueKind.Number => JsNumber.Create(ReadNumber(value)),
        JsonValueKind.True => JsBoolean.True,
        JsonValueKind.False => JsBoolean.False,
        _ => JsValue.Null,
    };

    private static double ReadNumber(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.GetDouble();
        }

        // A node built in code may hold any numeric CLR type; its JSON text is the common ground.
        return double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
