using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// <c>repeat</c>, <c>padStart</c>, <c>padEnd</c> and <c>concat</c> build their whole result in one allocation,
/// which no per-statement check can stop: <c>'x'.repeat(2**28)</c> is 512 MB before the next statement. Each is
/// wrapped to size its result first and fault if the run could not hold it.
/// </summary>
/// <remarks>
/// The wrappers coerce <c>this</c> and the arguments exactly once, in the order the specification does, and pass
/// the coerced primitives on, so a <c>toString</c> or <c>valueOf</c> with side effects still runs once.
/// <c>null</c> and <c>undefined</c> receivers go straight to the original, which throws its usual TypeError.
/// </remarks>
internal static class StringAllocationGuards
{
    public static void Install(Engine engine, MemoryBudget budget)
    {
        if (GuardedBuiltin.PrototypeOf(engine, "String") is not { } prototype)
        {
            return;
        }

        GuardedBuiltin.Replace(engine, prototype, "repeat", 1, (thisObject, arguments) =>
        {
            if (thisObject.IsNull() || thisObject.IsUndefined())
            {
                return (thisObject, arguments);
            }

            var text = TypeConverter.ToString(thisObject);
            var count = TypeConverter.ToIntegerOrInfinity(arguments.At(0));
            if (count > 0 && text.Length > 0)
            {
                Charge(budget, count * text.Length, "String.prototype.repeat");
            }

            return (text, [count]);
        });

        GuardedBuiltin.Replace(engine, prototype, "padStart", 1, (thisObject, arguments) => Pad(budget, thisObject, arguments, "String.prototype.padStart"));
        GuardedBuiltin.Replace(engine, prototype, "padEnd", 1, (thisObject, arguments) => Pad(budget, thisObject, arguments, "String.prototype.padEnd"));

        foreach (var name in (ReadOnlySpan<string>)["toUpperCase", "toLowerCase", "toLocaleUpperCase", "toLocaleLowerCase", "normalize"])
        {
            GuardConversion(engine, budget, prototype, name);
        }

        GuardedBuiltin.Replace(engine, prototype, "concat", 1, (thisObject, arguments) =>
        {
            if (thisObject.IsNull() || thisObject.IsUndefined())
            {
                return (thisObject, arguments);
            }

            var coerced = new JsValue[arguments.Length];
            var text = TypeConverter.ToString(thisObject);
            double length = text.Length;
            for (var i = 0; i < arguments.Length; i++)
            {
                var part = TypeConverter.ToString(arguments[i]);
                coerced[i] = part;
                length += part.Length;
            }

            Charge(budget, length, "String.prototype.concat");
            return (text, coerced);
        });
    }

    // The result is as long as the text, or longer ('ß' upper-cases to 'SS'): charged three bytes a character more
    // than the text, before the conversion builds it.
    private static void GuardConversion(Engine engine, MemoryBudget budget, ObjectInstance prototype, string name)
    {
        GuardedBuiltin.Replace(engine, prototype, name, 0, (thisObject, arguments) =>
        {
            if (thisObject.IsNull() || thisObject.IsUndefined())
            {
                return (thisObject, arguments);
            }

            var text = TypeConverter.ToString(thisObject);
            if (text.Length > _conversionFloor)
            {
                Charge(budget, text.Length * 3.0, "String.prototype." + name);
            }

            return (text, arguments);
        });
    }

    // Shorter texts are left to the per-statement checks: the guard would cost more than the conversion.
    private const int _conversionFloor = 64 * 1024;

    private static (JsValue This, JsValue[] Arguments) Pad(MemoryBudget budget, JsValue thisObject, JsValue[] arguments, string operation)
    {
        if (thisObject.IsNull() || thisObject.IsUndefined())
        {
            return (thisObject, arguments);
        }

        var text = TypeConverter.ToString(thisObject);
        var maxLength = (double)TypeConverter.ToLength(arguments.At(0));
        if (maxLength <= text.Length)
        {
            return (text, [maxLength]);
        }

        var filler = arguments.At(1);
        if (filler.IsUndefined())
        {
            Charge(budget, maxLength, operation);
            return (text, [maxLength]);
        }

        var fill = TypeConverter.ToString(filler);
        if (fill.Length > 0)
        {
            Charge(budget, maxLength, operation);
        }

        return (text, [maxLength, fill]);
    }

    /// <summary>Strings are UTF-16: two bytes a character. Jint refuses strings over about 2^29 characters itself.</summary>
    private static void Charge(MemoryBudget budget, double characters, string operation)
    {
        if (characters > JsStringLimit)
        {
            return;
        }

        budget.EnsureRoomFor((long)characters * 2, operation);
    }

    // Above this Jint throws its own RangeError ('Invalid string length') before allocating; leave that to it.
    internal const double JsStringLimit = 536_870_888;
}
