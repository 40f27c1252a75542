using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.Serialization;

/// <summary>
/// Turns a run's result into JSON with <c>JSON.stringify</c>'s semantics (<c>toJSON</c>, functions and symbols
/// dropped from objects and nulled in arrays, non-finite numbers as null, <c>undefined</c> at the top as null).
/// Runs on the run's engine thread, so getters, proxies and <c>toJSON</c> stay inside the run's limits. BigInt,
/// cycles, over-deep and over-size values are refused as soon as they are met, before the rest is walked.
/// </summary>
/// <remarks>
/// The value is written as UTF-8 and parsed back, rather than assembled from <c>JsonValue.Create</c> calls: the
/// size limit is then exact, and the numbers read back as any numeric type that fits
/// (<c>GetValue&lt;int&gt;()</c> on a number node built from a double would throw).
/// </remarks>
internal sealed class JsToJson : IDisposable
{
    /// <summary>
    /// Deepest result accepted. System.Text.Json refuses to write JSON nested deeper than 64 levels by default, and
    /// the result travels inside a message envelope of its own, so a few levels are kept back for it.
    /// </summary>
    internal const int MaxDepth = 60;

    private static readonly JsonWriterOptions _writerOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;
    private readonly long _maxBytes;
    private readonly List<ObjectInstance> _ancestors = [];
    private readonly List<string> _path = [];

    private JsToJson(long maxBytes)
    {
        _maxBytes = maxBytes;
        _writer = new Utf8JsonWriter(_buffer, _writerOptions);
    }

    /// <summary>Converts <paramref name="value"/>; throws <see cref="ResultNotSerializableException"/> when it cannot.</summary>
    public static JsonNode? Convert(JsValue value, long maxBytes)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        using var json = new JsToJson(maxBytes);
        if (!json.Write(value, JsString.Create(""), ""))
        {
            return null;
        }

        json._writer.Flush();
        return JsonNode.Parse(json._buffer.WrittenSpan);
    }

    /// <summary>As <see cref="Convert"/>, but the JSON text; used by the console's <c>%j</c>.</summary>
    public static string? Stringify(JsValue value, long maxBytes)
    {
        using var json = new JsToJson(maxBytes);
        if (!json.Write(value, JsString.Create(""), ""))
        {
            return null;
        }

        json._writer.Flush();
        return System.Text.Encoding.UTF8.GetString(json._buffer.WrittenSpan);
    }

    // Returns false when the value has no JSON form at all (undefined, functions, symbols): nothing was written.
    private bool Write(JsValue value, JsValue holderKey, string step)
    {
        var resolved = ApplyToJson(value, holderKey);
        if (!HasJsonForm(resolved))
        {
            return false;
        }

        WriteResolved(resolved, step);
        return true;
    }

    private static JsValue ApplyToJson(JsValue value, JsValue holderKey)
    {
        var resolved = value is ObjectInstance obj && obj.Get("toJSON") is var toJson && toJson.IsCallable()
            ? obj.Engine.Call(toJson, obj, [holderKey])
            : value;
        return UnwrapPrimitive(resolved);
    }

    // JSON.stringify writes `new Number(5)`, `new String('x')` and `new Boolean(false)` as the values they wrap
    // (ToNumber/ToString for the first two, as the spec says; the wrapped value for Boolean). Symbol wrappers stay
    // objects; a BigInt wrapper is refused like a BigInt.
    private static JsValue UnwrapPrimitive(JsValue value) =>
        value is ObjectInstance and IJsPrimitive wrapper
            ? wrapper.Type switch
            {
                Types.Number => JsNumber.Create(TypeConverter.ToNumber(value)),
                Types.String => JsString.Create(TypeConverter.ToString(value)),
                Types.Boolean or Types.BigInt => wrapper.PrimitiveValue,
                _ => value,
            }
            : value;

    private static bool HasJsonForm(JsValue value) => value.Type switch
    {
        Types.Undefined or Types.Symbol => false,
        Types.Object => !JsValueExtensions.IsCallable(value),
        _ => true,
    };

    private void WriteResolved(JsValue value, string step)
    {
        switch (value.Type)
        {
            case Types.Null:
                _writer.WriteNullValue();
                break;
            case Types.Boolean:
                _writer.WriteBooleanValue(value.AsBoolean());
                break;
            case Types.Number:
                WriteNumber(value.AsNumber());
                break;
            case Types.String:
                var text = value.AsString();
                if (text.Length > _maxBytes)
                {
                    throw TooBig(_maxBytes);
                }

                _writer.WriteStringValue(text);
                break;
            case Types.BigInt:
                throw BigIntAt(step);
            default:
                WriteNested((ObjectInstance)value, step);
                break;
        }

        CheckSize();
    }

    private void WriteNumber(double number)
    {
        if (!double.IsFinite(number))
        {
            _writer.WriteNullValue();
        }
        else if (number == Math.Floor(number) && Math.Abs(number) < 1e15)
        {
            // Integral values are written without a fraction or exponent, as JSON.stringify writes them.
            _writer.WriteNumberValue((long)number);
        }
        else
        {
            _writer.WriteNumberValue(number);
        }
    }

    private void WriteNested(ObjectInstance obj, string step)
    {
        _path.Add(step);
        if (_ancestors.Count >= MaxDepth)
        {
            throw new ResultNotSerializableException($"it nests deeper than {MaxDepth} levels{Where("")}. Flatten it or return fewer levels.", "RangeError");
        }

        foreach (var ancestor in _ancestors)
        {
            if (ReferenceEquals(ancestor, obj))
            {
                throw new ResultNotSerializableException($"it is cyclic: the value{Where("")} refers back to one of its own parents.", "TypeError");
            }
        }

        _ancestors.Add(obj);
        if (JsValueExtensions.IsArray(obj))
        {
            WriteArray(obj);
        }
        else if (obj is JsTypedArray typed)
        {
            WriteTypedArray(typed);
        }
        else
        {
            WriteObject(obj);
        }

        _ancestors.RemoveAt(_ancestors.Count - 1);
        _path.RemoveAt(_path.Count - 1);
    }

    private void WriteArray(ObjectInstance array)
    {
        var length = TypeConverter.ToLength(array.Get("length"));
        _writer.WriteStartArray();
        for (ulong i = 0; i < length; i++)
        {
            var key = JsNumber.Create((double)i);
            if (!Write(array.Get(key), key, "[" + i + "]"))
            {
                _writer.WriteNullValue();
            }
        }

        _writer.WriteEndArray();
    }

    // JSON.stringify writes a typed array as an object of its indices; walked by index, so that the size limit stops
    // a huge one early instead of after listing millions of keys.
    private void WriteTypedArray(JsTypedArray array)
    {
        _writer.WriteStartObject();
        for (uint i = 0; i < array.Length; i++)
        {
            _writer.WritePropertyName(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteNumber(array[i].IsBigInt() ? throw BigIntAt("[" + i + "]") : array[i].AsNumber());
            CheckSize();
        }

        _writer.WriteEndObject();
    }

    private void WriteObject(ObjectInstance obj)
    {
        _writer.WriteStartObject();
        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (descriptor == PropertyDescriptor.Undefined || !descriptor.Enumerable)
            {
                continue;
            }

            var value = ApplyToJson(obj.Get(key), key);
            if (HasJsonForm(value))
            {
                var name = key.ToString();
                _writer.WritePropertyName(name);
                WriteResolved(value, "." + name);
            }
        }

        _writer.WriteEndObject();
    }

    private void CheckSize()
    {
        if (_writer.BytesCommitted + _writer.BytesPending > _maxBytes)
        {
            throw TooBig(_maxBytes);
        }
    }

    private string Where(string step)
    {
        var path = string.Concat(_path) + step;
        return path.Length == 0 ? "" : " at result" + path;
    }

    public void Dispose() => _writer.Dispose();

    private ResultNotSerializableException BigIntAt(string step) => new(
        "it contains a BigInt" + Where(step) + ", which JSON cannot represent. Convert it with String() or Number() first.",
        "TypeError");

    private static ResultNotSerializableException TooBig(long maxBytes) =>
        new($"it is larger than the {maxBytes:N0}-byte result limit. Return less data, or write it somewhere and return a reference.", "RangeError");
}
