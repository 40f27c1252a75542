using System.Globalization;
using System.Text;
using IsolatedRuntime.Sandbox.EngineAccess;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Serialization;

/// <summary>
/// Shows a JavaScript value the way Node's <c>util.inspect</c> does, closely enough for logs and error messages:
/// <c>{ a: 1, b: [ 'x' ] }</c>. Reads data properties only (accessors show as <c>[Getter]</c>, never run), stops at
/// depth 2, 100 items per container and a character budget, and marks cycles, so no value can make it loop, throw
/// or grow without bound. Inside a run (console, <c>util.inspect</c>) an object's <c>[util.inspect.custom]</c>
/// method is honoured as in Node; it is user code, so it runs only where the run's limits hold, never when the host
/// describes a value for an error message.
/// </summary>
internal sealed class ValueInspector
{
    internal const int MaxDepth = 2;
    internal const int MaxItems = 100;

    // Custom inspection hooks followed in a row at one place before the value is shown as [Object].
    internal const int MaxCustomChain = 8;

    // A sparse array (`a.length = 4e9`) is probed index by index; past this many probes the rest is summarized.
    internal const int MaxHoleProbes = 100_000;

    private readonly StringBuilder _out = new();
    private readonly List<ObjectInstance> _ancestors = [];
    private readonly int _budget;
    private readonly bool _runHooks;
    private JsValue? _customKey;
    private int _customChain;

    private ValueInspector(int budget, bool runHooks)
    {
        _budget = budget;
        _runHooks = runHooks;
    }

    /// <summary>
    /// Inspects <paramref name="value"/>, producing at most about <paramref name="budget"/> characters.
    /// <paramref name="runHooks"/> honours <c>[util.inspect.custom]</c> methods: only on the run's own thread.
    /// </summary>
    public static string Inspect(JsValue value, int budget = 16 * 1024, bool runHooks = false)
    {
        var inspector = new ValueInspector(budget, runHooks);
        inspector.Write(value, 0);
        return inspector._out.ToString();
    }

    /// <summary>A primitive as <c>String(value)</c> would give it, and an object inspected.</summary>
    public static string ToDisplayString(JsValue value, int budget, bool runHooks = false) => value.Type switch
    {
        Types.String => value.AsString(),
        Types.Symbol => value.ToString(),
        Types.BigInt => value.ToString() + "n",
        Types.Object => Inspect(value, budget, runHooks),
        _ => Primitive(value),
    };

    private bool Full => _out.Length >= _budget;

    private void Write(JsValue value, int depth)
    {
        if (Full)
        {
            return;
        }

        switch (value.Type)
        {
            case Types.String:
                WriteQuoted(value.AsString());
                return;
            case Types.Object:
                WriteObject(value.AsObject(), depth);
                return;
            case Types.BigInt:
                _out.Append(value).Append('n');
                return;
            case Types.Symbol:
                _out.Append(value);
                return;
            default:
                _out.Append(Primitive(value));
                return;
        }
    }

    private static string Primitive(JsValue value)
    {
        if (value.Type != Types.Number)
        {
            return TypeConverter.ToString(value);
        }

        var d = value.AsNumber();
        return d == 0 && double.IsNegative(d) ? "-0" : TypeConverter.ToString(value);
    }

    private void WriteQuoted(string text)
    {
        var room = Math.Max(0, _budget - _out.Length);
        var shown = text.Length > room ? text[..room] : text;
        _out.Append('\'').Append(shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\'');
        if (shown.Length < text.Length)
        {
            _out.Append("... ").Append((text.Length - shown.Length).ToString(CultureInfo.InvariantCulture)).Append(" more characters");
        }
    }

    private void WriteObject(ObjectInstance obj, int depth)
    {
        // As Node's util.inspect: a proxy shows its target, without running a trap; a revoked one says so.
        if (ProxyTarget.IsProxy(obj))
        {
            if (ProxyTarget.Target(obj) is { } target && ProxyTarget.Handler(obj) is not null)
            {
                WriteObject(target, depth);
            }
            else
            {
                _out.Append("<Revoked Proxy>");
            }

            return;
        }

        if (JsValueExtensions.IsCallable(obj))
        {
            WriteFunction(obj);
            return;
        }

        if (WriteSpecial(obj))
        {
            return;
        }

        foreach (var ancestor in _ancestors)
        {
            if (ReferenceEquals(ancestor, obj))
            {
                _out.Append("[Circular]");
                return;
            }
        }

        var isArray = JsValueExtensions.IsArray(obj);
        if (depth > MaxDepth)
        {
            _out.Append(isArray ? "[Array]" : "[Object]");
            return;
        }

        if (_runHooks && WriteCustom(obj, depth))
        {
            return;
        }

        _ancestors.Add(obj);
        try
        {
            switch (obj)
            {
                case JsMap map:
                    WriteCollection($"Map({map.Size}) {{", EnumerateMap(map), map.Size, depth);
                    break;
                case JsSet set:
                    WriteCollection($"Set({set.Size}) {{", EnumerateSet(set), set.Size, depth);
                    break;
                case JsTypedArray typed:
                    WriteCollection(ConstructorPrefix(obj).TrimEnd() + "(" + typed.Length + ") [", EnumerateTyped(typed), typed.Length, depth);
                    break;
                default:
                    if (isArray)
                    {
                        WriteArrayEntries(obj, depth);
                    }
                    else
                    {
                        WriteObjectEntries(obj, depth);
                    }

                    break;
            }
        }
        catch (JavaScriptException)
        {
            // A proxy trap threw: show the object opaquely rather than fail the log call.
            _out.Append("[object]");
        }
        finally
        {
            _ancestors.RemoveAt(_ancestors.Count - 1);
        }
    }

    // Node's util.inspect.custom: the object says how it is shown. A string is shown as it is, anything else is
    // inspected in the object's place.
    private bool WriteCustom(ObjectInstance obj, int depth)
    {
        var engine = obj.Engine;
        // Looked up through the run's own Symbol.for: a run that replaced it only changes its own output.
        _customKey ??= engine.Global.Get("Symbol") is ObjectInstance symbol && symbol.Get("for") is var symbolFor && symbolFor.IsCallable()
            ? engine.Call(symbolFor, symbol, [JsString.Create("nodejs.util.inspect.custom")])
            : JsValue.Undefined;
        if (_customKey.IsUndefined() || obj.Get(_customKey) is not { } hook || !hook.IsCallable())
        {
            return false;
        }

        var remaining = MaxDepth - depth;
        var options = new JsObject(engine);
        options.Set("depth", remaining);
        var inspect = new ClrFunction(engine, "inspect", (_, args) => Inspect(args.At(0), _budget, runHooks: true));
        var shown = engine.Call(hook, obj, [remaining, options, inspect]);
        if (ReferenceEquals(shown, obj))
        {
            return false;
        }

        if (shown.IsString())
        {
            _out.Append(shown.AsString());
            return true;
        }

        // Shown at the same depth, as Node does; a hook that hands back another hooked object in place, over and
        // over, is cut off rather than followed forever.
        if (++_customChain > MaxCustomChain)
        {
            _out.Append("[Object]");
        }
        else
        {
            Write(shown, depth);
        }

        _customChain--;
        return true;
    }

    // Values with a display of their own that needs no walk of their properties.
    private bool WriteSpecial(ObjectInstance obj)
    {
        switch (obj)
        {
            case JsError:
                _out.Append(ErrorText(obj));
                return true;
            case JsDate date:
                _out.Append(DateText(date.DateValue));
                return true;
            case JsRegExp regex:
                _out.Append('/').Append(regex.Source).Append('/').Append(regex.Flags);
                return true;
            default:
                return false;
        }
    }

    private static string DateText(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || Math.Abs(milliseconds) > 253402300799999)
        {
            return double.IsNaN(milliseconds) ? "Invalid Date" : "[Date]";
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    // Writes "open item, item ... close" for Map, Set and typed arrays; an item is one or two values (key => value).
    // Only the items shown are visited; the rest are counted from the collection's size.
    private void WriteCollection(string open, IEnumerable<(JsValue Key, JsValue? Value)> items, long count, int depth)
    {
        _out.Append(open);
        var shown = 0;
        foreach (var (key, value) in items)
        {
            if (shown == MaxItems || Full)
            {
                break;
            }

            _out.Append(shown == 0 ? " " : ", ");
            shown++;
            Write(key, depth + 1);
            if (value is not null)
            {
                _out.Append(" => ");
                Write(value, depth + 1);
            }
        }

        if (count > shown)
        {
            _out.Append(shown == 0 ? " " : ", ").Append("... ").Append((count - shown).ToString(CultureInfo.InvariantCulture)).Append(" more items");
        }

        _out.Append(count == 0 ? "" : " ").Append(open[^1] == '[' ? ']' : '}');
    }

    private static IEnumerable<(JsValue, JsValue?)> EnumerateMap(JsMap map)
    {
        using var entries = map.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return (entries.Current.Key, entries.Current.Value);
        }
    }

    private static IEnumerable<(JsValue, JsValue?)> EnumerateSet(JsSet set)
    {
        using var values = set.GetEnumerator();
        while (values.MoveNext())
        {
            yield return (values.Current, null);
        }
    }

    private static IEnumerable<(JsValue, JsValue?)> EnumerateTyped(JsTypedArray array)
    {
        for (uint i = 0; i < array.Length; i++)
        {
            yield return (array[i], null);
        }
    }

    // Arrays are read by index, up to the item cap: asking a long array for all its keys would allocate one string
    // per element before anything is shown.
    private void WriteArrayEntries(ObjectInstance array, int depth)
    {
        var length = TypeConverter.ToLength(array.Get("length"));
        var next = 0UL;
        var written = 0;
        var probes = MaxHoleProbes;
        _out.Append('[');
        while (next < length && written < MaxItems && !Full && probes > 0)
        {
            _out.Append(written++ == 0 ? " " : ", ");
            var holes = 0UL;
            while (next + holes < length && --probes > 0 && array.GetOwnProperty(JsNumber.Create((double)(next + holes))) == PropertyDescriptor.Undefined)
            {
                holes++;
            }

            if (holes > 0)
            {
                _out.Append('<').Append(holes).Append(holes == 1 ? " empty item>" : " empty items>");
                next += holes;
                continue;
            }

            WriteProperty(array.GetOwnProperty(JsNumber.Create((double)next)), depth);
            next++;
        }

        if (next < length)
        {
            _out.Append(written == 0 ? " " : ", ").Append("... ").Append(length - next).Append(" more items");
        }

        _out.Append(length == 0 ? "]" : " ]");
    }

    private void WriteObjectEntries(ObjectInstance obj, int depth)
    {
        var keys = obj.GetOwnPropertyKeys(Types.String);
        var shown = 0;
        var remaining = 0;
        _out.Append(ConstructorPrefix(obj)).Append('{');
        foreach (var key in keys)
        {
            var descriptor = obj.GetOwnProperty(key);
            if (descriptor == PropertyDescriptor.Undefined || !descriptor.Enumerable)
            {
                continue;
            }

            if (shown == MaxItems || Full)
            {
                remaining++;
                continue;
            }

            _out.Append(shown == 0 ? " " : ", ");
            shown++;
            var name = key.ToString();
            _out.Append(IsIdentifier(name) ? name : "'" + name + "'").Append(": ");
            WriteProperty(descriptor, depth);
        }

        if (remaining > 0)
        {
            _out.Append(", ... ").Append(remaining).Append(" more items");
        }

        _out.Append(shown == 0 ? "}" : " }");
    }

    private void WriteProperty(PropertyDescriptor descriptor, int depth)
    {
        if (DataPropertyReader.TryRead(descriptor, out var value))
        {
            Write(value, depth + 1);
            return;
        }

        var hasGet = descriptor.Get is { } get && !get.IsUndefined();
        var hasSet = descriptor.Set is { } set && !set.IsUndefined();
        _out.Append(hasGet && hasSet ? "[Getter/Setter]" : hasGet ? "[Getter]" : "[Setter]");
    }

    private static string ConstructorPrefix(ObjectInstance obj)
    {
        var proto = obj.Prototype;
        if (proto is null)
        {
            return "[Object: null prototype] ";
        }

        if (!DataPropertyReader.TryRead(proto.GetOwnProperty("constructor"), out var ctor) || ctor is not ObjectInstance fn)
        {
            return "";
        }

        var name = fn.GetOwnProperty("name");
        return name.IsDataDescriptor() && name.Value.IsString() && name.Value.AsString() is { Length: > 0 } n && n != "Object"
            ? n + " "
            : "";
    }

    private void WriteFunction(ObjectInstance fn)
    {
        var name = fn.GetOwnProperty("name");
        var text = name.IsDataDescriptor() && name.Value.IsString() ? name.Value.AsString() : "";
        _out.Append(text.Length == 0 ? "[Function (anonymous)]" : "[Function: " + text + "]");
    }

    /// <summary>An error as Node prints it: its stack when it has one, else <c>Name: message</c>.</summary>
    internal static string ErrorText(ObjectInstance error)
    {
        var name = DataString(error, "name") ?? "Error";
        var message = DataString(error, "message");
        var header = string.IsNullOrEmpty(message) ? name : name + ": " + message;
        var stack = Errors.StackSanitizer.Sanitize(StackText(error), null);
        return stack is null ? header : header + "\n" + stack;
    }

    /// <summary>
    /// The engine's stack text of an error. Jint computes it on first read rather than storing it as an own
    /// property, so it is read through <c>Get</c> unless the script put an own accessor there.
    /// </summary>
    internal static string? StackText(ObjectInstance error)
    {
        var own = error.GetOwnProperty("stack");
        if (own.IsDataDescriptor())
        {
            return own.Value.IsString() ? own.Value.AsString() : null;
        }

        if (own != PropertyDescriptor.Undefined || error is not JsError)
        {
            return null;
        }

        var stack = error.Get("stack");
        return stack.IsString() ? stack.AsString() : null;
    }

    /// <summary>Reads a string property without running any getter; null when absent or not a string.</summary>
    internal static string? DataString(ObjectInstance obj, string property)
    {
        for (var current = obj; current is not null; current = current.Prototype)
        {
            var descriptor = current.GetOwnProperty(property);
            if (descriptor == PropertyDescriptor.Undefined)
            {
                continue;
            }

            // A locked built-in's property (a warm engine's Error.prototype.name) reads as the data it was.
            return DataPropertyReader.TryRead(descriptor, out var value) && value.IsString() ? value.AsString() : null;
        }

        return null;
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}
