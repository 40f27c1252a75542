using System.Numerics;
using System.Text;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// <c>BigInt.prototype.toString</c> and <c>toLocaleString</c> for large values. The engine converts a digit at a time
/// (a million-bit value to hexadecimal took minutes) and .NET's decimal formatting is quadratic (13 s for a
/// million bits), both without a deadline check, so a timed-out run kept its thread busy long after its answer. Here
/// a power-of-two radix is read straight off the bits, any other radix is split in halves by powers of the radix
/// (divide and conquer), the deadline is checked between the steps, and the digits are charged to the memory budget
/// before they are written.
/// </summary>
/// <remarks>
/// Values up to <see cref="SmallBits"/> bits, BigInt wrapper objects and bad receivers or radices go to the original,
/// which answers as before. Converting a BigInt without calling these methods (<c>String(n)</c>, <c>`${n}`</c>,
/// <c>'' + n</c>) is the engine's own and stays as slow (docs/limits.md).
/// </remarks>
internal static class BigIntGuards
{
    /// <summary>Values of at most this many bits are converted by the original, fast at that size.</summary>
    internal const long SmallBits = 8_192;

    public static void Install(Engine engine, MemoryBudget budget)
    {
        if (GuardedBuiltin.PrototypeOf(engine, "BigInt") is not { } prototype)
        {
            return;
        }

        GuardedBuiltin.Replace(engine, prototype, "toString", 0, (thisObject, arguments, original) =>
            Convert(engine, budget, thisObject, arguments.At(0), grouped: false, "BigInt.prototype.toString") ?? original(thisObject, arguments));
        GuardedBuiltin.Replace(engine, prototype, "toLocaleString", 0, (thisObject, arguments, original) =>
            Convert(engine, budget, thisObject, JsValue.Undefined, grouped: true, "BigInt.prototype.toLocaleString") ?? original(thisObject, arguments));
    }

    private static JsString? Convert(Engine engine, MemoryBudget budget, JsValue thisObject, JsValue radixArgument, bool grouped, string operation)
    {
        if (!thisObject.IsBigInt())
        {
            return null;
        }

        var value = TypeConverter.ToBigInt(thisObject);
        var bits = value.GetBitLength();
        if (bits <= SmallBits)
        {
            return null;
        }

        var radix = 10;
        if (!radixArgument.IsUndefined())
        {
            var asked = TypeConverter.ToIntegerOrInfinity(radixArgument);
            if (asked is < 2 or > 36)
            {
                return null;
            }

            radix = (int)asked;
        }

        // The digits, their builder and the string: about three copies, two bytes a character.
        var digits = (long)(bits / Math.Log2(radix)) + 2;
        budget.EnsureRoomFor(digits * 2 * 3, operation);
        var text = Format(value, radix, engine.Constraints.Check);
        return new JsString(grouped ? Group(text) : text);
    }

    /// <summary>The digits of <paramref name="value"/> in <paramref name="radix"/>, lower case, calling <paramref name="check"/> between steps.</summary>
    internal static string Format(BigInteger value, int radix, Action check)
    {
        var builder = new StringBuilder();
        if (value.Sign < 0)
        {
            builder.Append('-');
            value = BigInteger.Negate(value);
        }

        if (BitOperations.IsPow2(radix))
        {
            AppendPowerOfTwo(builder, value, BitOperations.Log2((uint)radix), check);
        }
        else
        {
            AppendDivided(builder, value, radix, check);
        }

        return builder.ToString();
    }

    private static void AppendPowerOfTwo(StringBuilder builder, BigInteger value, int bitsPerDigit, Action check)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        var count = (long)Math.Max(1, (value.GetBitLength() + bitsPerDigit - 1) / bitsPerDigit);
        for (var digit = count - 1; digit >= 0; digit--)
        {
            var bit = digit * bitsPerDigit;
            var index = (int)(bit >> 3);
            var window = bytes[index] | (index + 1 < bytes.Length ? bytes[index + 1] << 8 : 0);
            builder.Append(Digit((window >> (int)(bit & 7)) & ((1 << bitsPerDigit) - 1)));
            if ((digit & 0xFFFFF) == 0)
            {
                check();
            }
        }
    }

    // Splits by radix^(k * 2^level): the quotient's digits, then the remainder's padded to that many digits.
    private static void AppendDivided(StringBuilder builder, BigInteger value, int radix, Action check)
    {
        var chunkDigits = (int)Math.Floor(63 / Math.Log2(radix));
        var powers = new List<BigInteger> { BigInteger.Pow(radix, chunkDigits) };
        while (powers[^1].GetBitLength() * 2 <= value.GetBitLength() + 1)
        {
            check();
            powers.Add(powers[^1] * powers[^1]);
        }

        Append(builder, value, powers.Count - 1, pad: false, powers, chunkDigits, radix, check);
    }

    private static void Append(StringBuilder builder, BigInteger value, int level, bool pad, List<BigInteger> powers, int chunkDigits, int radix, Action check)
    {
        if (level < 0)
        {
            var text = Small((ulong)value, radix);
            if (pad)
            {
                builder.Append('0', chunkDigits - text.Length);
            }

            builder.Append(text);
            return;
        }

        if (!pad && value < powers[level])
        {
            Append(builder, value, level - 1, pad: false, powers, chunkDigits, radix, check);
            return;
        }

        check();
        var quotient = BigInteger.DivRem(value, powers[level], out var remainder);
        Append(builder, quotient, level - 1, pad, powers, chunkDigits, radix, check);
        Append(builder, remainder, level - 1, pad: true, powers, chunkDigits, radix, check);
    }

    private static string Small(ulong value, int radix)
    {
        if (value == 0)
        {
            return "0";
        }

        Span<char> buffer = stackalloc char[64];
        var at = buffer.Length;
        while (value > 0)
        {
            buffer[--at] = Digit((int)(value % (ulong)radix));
            value /= (ulong)radix;
        }

        return new string(buffer[at..]);
    }

    private static char Digit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    // As en-US groups: 1,234,567. Other locales' separators are not applied to values this large.
    private static string Group(string digits)
    {
        var sign = digits.StartsWith('-') ? 1 : 0;
        var length = digits.Length - sign;
        var builder = new StringBuilder(digits.Length + (length / 3));
        builder.Append(digits, 0, sign);
        for (var i = 0; i < length; i++)
        {
            if (i > 0 && (length - i) % 3 == 0)
            {
                builder.Append(',');
            }

            builder.Append(digits[sign + i]);
        }

        return builder.ToString();
    }
}
