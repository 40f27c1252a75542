using IsolatedRuntime.Sandbox.EngineAccess;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// <c>JSON.stringify</c> writes its whole output into one builder without a check: a hundred thousand references to
/// one 10 KB string are a gigabyte of JSON, from a few hundred kilobytes of data. The output's size is worked out
/// first, walking the value as the serializer will (each distinct object or string measured once), and charged to
/// the memory budget.
/// </summary>
/// <remarks>
/// The walk reads data properties only. Where the serializer would run script — a <c>toJSON</c> method other than
/// <c>Date</c>'s, a getter, a proxy trap, a replacer function — the walk counts nothing and does not descend: the
/// script that runs there is checked by the budget like any other. An output the walk cannot size (a cycle, which
/// the serializer refuses) is left to the serializer.
/// </remarks>
internal sealed class JsonSizeGuard
{
    private const int _builderFactor = 2;
    private const int _maxDepth = 2_000;
    private const int _dateLength = 26;
    private const int _numberLength = 24;

    private readonly MemoryBudget _budget;
    private readonly JsValue _dateToJson;
    private readonly Dictionary<string, long> _strings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(ObjectInstance, int), long> _objects = [];
    private readonly HashSet<ObjectInstance> _ancestors = new(ReferenceEqualityComparer.Instance);
    private int _indent;
    private long _limit;

    private JsonSizeGuard(MemoryBudget budget, JsValue dateToJson)
    {
        _budget = budget;
        _dateToJson = dateToJson;
    }

    public static void Install(Engine engine, MemoryBudget budget)
    {
        if (engine.Global.Get("JSON") is not ObjectInstance json || GuardedBuiltin.PrototypeOf(engine, "Date") is not { } datePrototype)
        {
            return;
        }

        var guard = new JsonSizeGuard(budget, datePrototype.GetOwnProperty("toJSON").Value);
        GuardedBuiltin.Replace(engine, json, "stringify", 3, guard.Check);
    }

    private (JsValue This, JsValue[] Arguments) Check(JsValue thisObject, JsValue[] arguments)
    {
        var value = arguments.At(0);
        if (value is not ObjectInstance || arguments.At(1).IsCallable())
        {
            return (thisObject, arguments);
        }

        var space = arguments.At(2);
        _indent = space.IsNumber() ? (int)Math.Clamp(space.AsNumber(), 0, 10)
            : space.IsString() ? Math.Min(10, space.AsString().Length)
            : space.IsObject() ? 10
            : 0;
        _limit = (long)StringAllocationGuards.JsStringLimit + 1;
        try
        {
            var size = Measure(value, 0);
            if (size > 0)
            {
                _budget.EnsureRoomFor(Math.Min(size, _limit) * 2 * _builderFactor, "JSON.stringify");
            }
        }
        catch (Unmeasurable)
        {
            // A cycle or a depth the serializer itself refuses with its own error.
        }
        finally
        {
            _strings.Clear();
            _objects.Clear();
            _ancestors.Clear();
        }

        return (thisObject, arguments);
    }

    private long Measure(JsValue value, int depth)
    {
        switch (value.Type)
        {
            case Types.String:
                return StringLength(value.AsString());
            case Types.Number:
                var number = value.AsNumber();
                return double.IsInteger(number) && Math.Abs(number) < 1e15 ? Math.Abs(number).ToString("F0", System.Globalization.CultureInfo.InvariantCulture).Length + (number < 0 ? 1 : 0) : _numberLength;
            case Types.Boolean:
                return 5;
            case Types.Null:
                return 4;
            case Types.Object:
                return MeasureObject(value.AsObject(), depth);
            default:
                return 0;
        }
    }

    private long MeasureObject(ObjectInstance obj, int depth)
    {
        if (depth > _maxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack() || !_ancestors.Add(obj))
        {
            // Too deep to be worth measuring here, or a cycle: the serializer refuses both itself.
            throw new Unmeasurable();
        }

        try
        {
            if (_objects.TryGetValue((obj, depth), out var known))
            {
                return known;
            }

            var size = MeasureFresh(obj, depth);
            _objects[(obj, depth)] = size;
            return size;
        }
        finally
        {
            _ancestors.Remove(obj);
        }
    }

    private long MeasureFresh(ObjectInstance obj, int depth)
    {
        if (ProxyTarget.IsProxy(obj))
        {
            // Traps are script, checked where they run; a proxy without any is read through to its target.
            return ProxyTarget.Handler(obj) is { } handler && handler.GetOwnPropertyKeys().Count == 0 && ProxyTarget.Target(obj) is { } target
                ? MeasureObject(target, depth)
                : 0;
        }

        if (FindToJson(obj) is { } toJson)
        {
            return obj is JsDate && ReferenceEquals(toJson, _dateToJson) ? _dateLength : 0;
        }

        if (obj.IsCallable())
        {
            return 0;
        }

        var lineBreak = _indent > 0 ? 1 + ((depth + 1) * (long)_indent) : 0;
        if (obj is ArrayInstance array)
        {
            var length = array.GetOwnProperty("length").Value is JsNumber n ? (long)n.AsNumber() : 0;
            long total = 2 + Math.Max(0, length - 1) + (length > 0 && _indent > 0 ? lineBreak * length + 1 + (depth * (long)_indent) : 0);
            for (uint i = 0; i < length && total < _limit; i++)
            {
                var element = array.GetOwnProperty(i);
                total += element.IsDataDescriptor() ? Math.Max(Measure(element.Value, depth + 1), ElementDefault(element.Value)) : 4;
            }

            return total;
        }

        long size = 2;
        var first = true;
        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (!descriptor.Enumerable || descriptor == PropertyDescriptor.Undefined)
            {
                continue;
            }

            var valueSize = descriptor.IsDataDescriptor() ? Measure(descriptor.Value, depth + 1) : 0;
            if (valueSize == 0 && descriptor.IsDataDescriptor())
            {
                continue;
            }

            size += (first ? 0 : 1) + StringLength(key.ToString()) + 1 + (_indent > 0 ? 1 + lineBreak : 0) + valueSize;
            first = false;
            if (size > _limit)
            {
                break;
            }
        }

        return size + (!first && _indent > 0 ? 1 + (depth * (long)_indent) : 0);
    }

    // In an array, a value the serializer leaves out of an object (undefined, a function, a symbol) is written null.
    private static long ElementDefault(JsValue value) => value.IsUndefined() || value.IsSymbol() || value.IsCallable() ? 4 : 0;

    private static JsValue? FindToJson(ObjectInstance obj)
    {
        for (var owner = obj; owner is not null; owner = owner.Prototype)
        {
            var descriptor = owner.GetOwnProperty("toJSON");
            if (descriptor == PropertyDescriptor.Undefined)
            {
                continue;
            }

            // A getter is script: counted as something the serializer runs.
            return descriptor.IsDataDescriptor() ? (descriptor.Value.IsCallable() ? descriptor.Value : null) : JsValue.Undefined;
        }

        return null;
    }

    private long StringLength(string text)
    {
        if (_strings.TryGetValue(text, out var known))
        {
            return known;
        }

        long length = text.Length + 2;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t')
            {
                length++;
            }
            else if (c < 0x20 || (char.IsSurrogate(c) && !(i + 1 < text.Length && char.IsSurrogatePair(c, text[i + 1]) && ++i > 0)))
            {
                length += 5;
            }
        }

        _strings[text] = length;
        return length;
    }

    private sealed class Unmeasurable : Exception;
}
