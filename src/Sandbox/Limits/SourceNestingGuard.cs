using System.Globalization;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// Refuses sources nested too deeply to parse safely, before they reach the parser. Jint's parser (Acornima) is
/// recursive descent with no nesting limit of its own, so a source such as 100,000 nested parentheses exhausts the
/// native stack; the guard keeps such sources from ever being parsed, cheaply (one linear scan, no allocation per
/// character), and explains the refusal.
/// </summary>
/// <remarks>
/// The depth is an estimate of the parser's recursion, counted by <see cref="SourceNestingScanner"/>: open brackets
/// (<c>( [ {</c> and template <c>${</c>), chains of prefix operators (<c>!!x</c>, <c>- - x</c>, <c>typeof</c>,
/// <c>void</c>, <c>delete</c>, <c>await</c>, <c>new</c>, <c>yield</c>, spread), right-associative chains
/// (<c>a = b = c</c>, <c>a ** b ** c</c>, <c>a ? b : c ? d : e</c>, <c>a =&gt; b =&gt; c</c>) and statements nested
/// without braces (<c>if (a) if (b) …</c>, <c>else</c>, <c>for</c>, <c>while</c>, <c>do</c>, labels). Strings,
/// comments, template text and regular expression literals are skipped. The limit is far above what real code
/// reaches (minified bundles nest a few dozen levels), so estimation errors never refuse real code.
/// </remarks>
internal static class SourceNestingGuard
{
    /// <summary>Deepest nesting accepted. Parses on the pool's stack with room to spare (see docs/limits.md).</summary>
    public const int MaxDepth = 1_000;

    /// <summary>Returns why <paramref name="source"/> may not be parsed, or null when it is safe to parse.</summary>
    /// <param name="source">The module source, after any compiler transform.</param>
    /// <param name="fileName">The module's root-relative name, for the message; "The source" when null.</param>
    public static string? FindProblem(string source, string? fileName = null)
    {
        var deepest = SourceNestingScanner.FindDeepest(source);
        if (deepest.Depth <= MaxDepth)
        {
            return null;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{fileName ?? "The source"} nests {deepest.Depth} levels deep (line {deepest.Line}): brackets, operators or statements inside one another. The limit is {MaxDepth}; flatten that part of the code or split it into functions.");
    }
}
