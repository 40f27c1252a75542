using System.Globalization;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Serialization;

/// <summary>
/// Turns a run's result into JSON with <c>JSON.stringify</c>'s semantics (<c>toJSON</c>, functions and symbols
/// dropped from objects and nulled in arrays, non-finite numbers as null, <c>undefined</c> at the top as null),
/// building the <see cref="JsonNode"/> tree directly. Runs on the run's engine thread, so getters, proxies and
/// <c>toJSON</c> stay inside the run's limits. BigInt, cycles, over-deep and over-size values are refused.
/// </summary>
internal sealed class JsToJson
{
    /// <summary>
    /// Deepest result accepted. System.Text.Json refuses to write JSON nested deeper than 64 levels by default, and
    /// the result travels inside a message envelope of its own, so a few levels are kept back for it.
    /// </summary>
    internal const int MaxDepth = 60;

    private readonly long _maxBytes;
    private readonly List<ObjectInstance> _ancestors = [];
    private readonly List<string> _path = [];
    private long _bytes;

    private JsToJson(long maxBytes) => _maxBytes = maxBytes;

    /// <summary>Converts <paramref name="value"/>; throws <see cref="ResultNotSerializableException"/> when it cannot.</summary>
    public static JsonNode? Convert(JsValue value, long maxBytes)
    {
        // The common results skip the walker entirely.
        switch (value.Type)
        {
            case Types.Undefined:
            case Types.Null:
                return null;
            case Types.Boolean:
                return JsonValue.Create(value.AsBoolean());
            case Types.Number:
                return Number(value.AsNumber());
            case Types.String:
                var text = value.AsString();
                return text.Length > maxBytes ? throw TooBig(maxBytes) : JsonValue.Create(text);
        }

        return new JsToJson(maxBytes).Serialize(value, JsString.Create(""), "");
    }

    private JsonNode? Serialize(JsValue value, JsValue holderKey, string step)
    {
        if (value is ObjectInstance obj && obj.Get("toJSON") is var toJson && toJson.IsCallable())
        {
            value = toJson.Call(obj, holderKey);
        }

        switch (value.Type)
        {
            case Types.Null:
                Count(4);
                return null;
            case Types.Boolean:
                Count(5);
                return JsonValue.Create(value.AsBoolean());
            case Types.Number:
                Count(8);
                return Number(value.AsNumber());
            case Types.String:
                var text = value.AsString();
                Count(text.Length + 2);
                return JsonValue.Create(text);
            case Types.BigInt:
                throw Refuse("it contains a BigInt" + Where(step) + ", which JSON cannot represent. Convert it with String() or Number() first.", "TypeError");
        }

        if (value is not ObjectInstance inner || JsValueExtensions.IsCallable(inner))
        {
            return _omitted;
        }

        return Nested(inner, step);
    }

    private JsonNode? Nested(ObjectInstance obj, string step)
    {
        _path.Add(step);
        if (_ancestors.Count >= MaxDepth)
        {
            throw Refuse($"it nests deeper than {MaxDepth} levels{Where("")}. Flatten it or return fewer levels.", "RangeError");
        }

        foreach (var ancestor in _ancestors)
        {
            if (ReferenceEquals(ancestor, obj))
            {
                throw Refuse($"it is cyclic: the value{Where("")} refers back to one of its own parents.", "TypeError");
            }
        }

        _ancestors.Add(obj);
        JsonNode node = JsValueExtensions.IsArray(obj) ? SerializeArray(obj) : SerializeObject(obj);
        _ancestors.RemoveAt(_ancestors.Count - 1);
        _path.RemoveAt(_path.Count - 1);
        return node;
    }

    private JsonArray SerializeArray(ObjectInstance array)
    {
        var length = TypeConverter.ToLength(array.Get("length"));
        var result = new JsonArray();
        Count(2);
        for (ulong i = 0; i < length; i++)
        {
            var key = JsNumber.Create((double)i);
            var item = Serialize(array.Get(key), key, "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
            result.Add(ReferenceEquals(item, _omitted) ? NullFor() : item);
            Count(1);
        }

        return result;
    }

    private JsonObject SerializeObject(ObjectInstance obj)
    {
        var result = new JsonObject();
        Count(2);
        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (descriptor == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined || !descriptor.Enumerable)
            {
                continue;
            }

            var name = key.ToString();
            var item = Serialize(obj.Get(key), key, "." + name);
            if (ReferenceEquals(item, _omitted))
            {
                continue;
            }

            Count(name.Length + 4);
            result[name] = item;
        }

        return result;
    }

    private static JsonNode? NullFor() => null;

    // Marks "no JSON at all" (undefined, functions, symbols) apart from a JSON null.
    private static readonly JsonNode _omitted = JsonValue.Create("<omitted>");

    private static JsonValue? Number(double d)
    {
        if (!double.IsFinite(d))
        {
            return null;
        }

        // Integral numbers become integers so that readers can ask for int or long without a conversion error.
        return d == Math.Floor(d) && Math.Abs(d) <= 9007199254740992d ? JsonValue.Create((long)d) : JsonValue.Create(d);
    }

    private void Count(long bytes)
    {
        _bytes += bytes;
        if (_bytes > _maxBytes)
        {
            throw TooBig(_maxBytes);
        }
    }

    private string Where(string step)
    {
        var path = string.Concat(_path) + step;
        return path.Length == 0 ? "" : " at result" + path;
    }

    private static ResultNotSerializableException Refuse(string why, string name) => new(why, name);

    private static ResultNotSerializableException TooBig(long maxBytes) =>
        new($"it is larger than the {maxBytes:N0}-byte result limit. Return less data, or write it somewhere and return a reference.", "RangeError");
}
