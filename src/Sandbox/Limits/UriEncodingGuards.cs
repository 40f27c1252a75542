using Jint;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// <c>encodeURIComponent</c>, <c>encodeURI</c> and <c>escape</c> write up to nine characters for one
/// (<c>encodeURIComponent</c> of a 56 MB string reached 1.2 GB) into one builder, with no check on the way. The
/// output's exact length is counted first (one pass over the input, only when a rough bound would not fit) and
/// charged to the memory budget. The input is coerced once and passed on.
/// </summary>
internal static class UriEncodingGuards
{
    // A builder doubles as it grows, then copies: charged twice the result's two bytes a character.
    private const int _builderFactor = 2;

    public static void Install(Engine engine, MemoryBudget budget)
    {
        Guard(engine, budget, "encodeURIComponent", UnreservedInComponent, widest: 9);
        Guard(engine, budget, "encodeURI", UnreservedInUri, widest: 9);
        Guard(engine, budget, "escape", UnescapedByEscape, widest: 6);
    }

    private static void Guard(Engine engine, MemoryBudget budget, string name, Func<char, bool> kept, int widest)
    {
        GuardedBuiltin.Replace(engine, engine.Global, name, 1, (thisObject, arguments) =>
        {
            var text = TypeConverter.ToString(arguments.At(0));
            if (!budget.HasRoomFor(text.Length * (long)widest * 2 * _builderFactor))
            {
                budget.EnsureRoomFor(EncodedLength(text, kept, name == "escape") * 2 * _builderFactor, name);
            }

            return (thisObject, [text]);
        });
    }

    internal static long EncodedLength(string text, Func<char, bool> kept, bool escape)
    {
        long length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (kept(c))
            {
                length++;
            }
            else if (escape)
            {
                length += c < 256 ? 3 : 6;
            }
            else if (c < 0x80)
            {
                length += 3;
            }
            else if (c < 0x800)
            {
                length += 6;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length += 12;
                i++;
            }
            else
            {
                // A lone surrogate throws URIError in the original; counting it as three bytes only over-charges.
                length += 9;
            }
        }

        return length;
    }

    private static bool UnreservedInComponent(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')';

    private static bool UnreservedInUri(char c) => UnreservedInComponent(c) || c is ';' or '/' or '?' or ':' or '@' or '&' or '=' or '+' or '$' or ',' or '#';

    private static bool UnescapedByEscape(char c) => char.IsAsciiLetterOrDigit(c) || c is '@' or '*' or '_' or '+' or '-' or '.' or '/';
}
