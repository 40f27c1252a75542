using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// <c>Array.prototype.join</c> grows one string builder over the whole array and consults the budget only every
/// 10,000 elements, so joining a few thousand references to one large string allocates gigabytes between two
/// checks. The wrapper adds up the result's size first, for real arrays whose elements it can read without side
/// effects (own data properties): separators, strings, and a generous size for numbers.
/// </summary>
/// <remarks>
/// Long arrays are already bounded by <see cref="Jint.Options.ConstraintOptions.MaxArraySize"/> (budget / 8
/// elements), array growth (<c>fill</c>, <c>Array.from</c>, <c>push</c>) is charged by Jint's periodic checks, and
/// <c>new Array(n)</c> beyond that cap is refused by Jint itself.
/// </remarks>
internal static class ArrayAllocationGuards
{
    internal const int NumberCharacters = 24;

    public static void Install(Engine engine, MemoryBudget budget)
    {
        if (GuardedBuiltin.PrototypeOf(engine, "Array") is not { } prototype)
        {
            return;
        }

        GuardedBuiltin.Replace(engine, prototype, "join", 1, (thisObject, arguments) =>
        {
            if (thisObject is ArrayInstance array && arguments.At(0) is var separator && (separator.IsUndefined() || separator.IsString()))
            {
                var characters = JoinedLength(array, separator.IsUndefined() ? 1 : separator.AsString().Length);
                if (characters > 0)
                {
                    budget.EnsureRoomFor(characters * 2, "Array.prototype.join");
                }
            }

            return (thisObject, arguments);
        });
    }

    // Nested arrays deeper than this count nothing: the engine's own join stops them at its recursion limit, and
    // the sizing must not overflow the stack first.
    private const int _maxNesting = 64;

    private static long JoinedLength(ArrayInstance array, int separatorLength) =>
        JoinedLength(array, separatorLength, new Dictionary<ArrayInstance, long>(ReferenceEqualityComparer.Instance), 0);

    // Nested arrays are joined with ',' by their toString; each distinct one is sized once, and one already being
    // sized (a cycle) counts nothing, as the engine writes it.
    private static long JoinedLength(ArrayInstance array, int separatorLength, Dictionary<ArrayInstance, long> sized, int depth)
    {
        if (sized.TryGetValue(array, out var known) || depth > _maxNesting || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return known;
        }

        sized[array] = 0;
        if (array.GetOwnProperty("length").Value is not JsNumber lengthValue)
        {
            return 0;
        }

        var length = (long)lengthValue.AsNumber();
        long characters = Math.Max(0, length - 1) * separatorLength;
        for (uint i = 0; i < length && characters <= StringAllocationGuards.JsStringLimit; i++)
        {
            var element = array.GetOwnProperty(i).Value;
            characters += element switch
            {
                JsString text => text.Length,
                JsNumber => NumberCharacters,
                JsBigInt => (long)(TypeConverter.ToBigInt(element).GetBitLength() * 0.30103) + 2,
                ArrayInstance nested => JoinedLength(nested, 1, sized, depth + 1),
                _ => 0,
            };
        }

        sized[array] = characters;
        return characters;
    }
}
