using System.Text;
using Acornima;
using Acornima.Ast;

namespace IsolatedRuntime.Sandbox.Modules.Compilation;

/// <summary>
/// Rewrites chains of string literals joined by <c>+</c> (<c>'a' + 'b' + … + 'z'</c>, as in syntax highlighters'
/// keyword lists) into one string literal, keeping every line and, where the literal is not longer than the chain,
/// every column of the code around it. Such a chain is flat, but it parses into a binary tree as deep as the chain is
/// long, and Jint refuses any tree deeper than 256 levels while preparing it; Node accepts it. The rewrite is exact:
/// joining literals has no side effect, and their concatenation is the same string in any grouping.
/// </summary>
internal static class StringChainFolder
{
    private static readonly ParserOptions _scriptOptions = new() { AllowReturnOutsideFunction = true };

    /// <summary>
    /// The source with every chain of two or more string literals joined by <c>+</c> folded, or null when it has
    /// none (or does not parse: the caller's own parse then reports the error).
    /// </summary>
    /// <param name="source">The source, already checked by the nesting guard (so the parser's recursion is bounded).</param>
    /// <param name="module">True to parse it as an ES module.</param>
    public static string? Fold(string source, bool module)
    {
        Node program;
        try
        {
            var parser = new Parser(_scriptOptions);
            program = module ? parser.ParseModule(source) : parser.ParseScript(source);
        }
        catch (ParseErrorException)
        {
            return null;
        }

        var chains = new List<BinaryExpression>();
        var pending = new Stack<Node>();
        pending.Push(program);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is BinaryExpression { Operator: Operator.Addition } binary && IsLiteralChain(binary))
            {
                chains.Add(binary);
                continue;
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push(child);
            }
        }

        if (chains.Count == 0)
        {
            return null;
        }

        chains.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var folded = new StringBuilder(source.Length);
        var at = 0;
        foreach (var chain in chains)
        {
            folded.Append(source, at, chain.Start - at);
            AppendFolded(folded, source, chain);
            at = chain.End;
        }

        folded.Append(source, at, source.Length - at);
        return folded.ToString();
    }

    // Only string literals, joined by + at every level; checked without recursion (chains are deep by nature).
    private static bool IsLiteralChain(BinaryExpression chain)
    {
        var pending = new Stack<Expression>();
        pending.Push(chain);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BinaryExpression { Operator: Operator.Addition } part:
                    pending.Push(part.Left);
                    pending.Push(part.Right);
                    break;
                case StringLiteral:
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    // One double-quoted literal holding every operand's text as written (escapes kept), then the line breaks the chain
    // spanned and enough spaces to put what follows back on its own column.
    private static void AppendFolded(StringBuilder output, string source, BinaryExpression chain)
    {
        var start = output.Length;
        output.Append('"');
        var leaves = new Stack<Expression>();
        leaves.Push(chain);
        while (leaves.Count > 0)
        {
            var leaf = leaves.Pop();
            if (leaf is BinaryExpression part)
            {
                leaves.Push(part.Right);
                leaves.Push(part.Left);
                continue;
            }

            AppendContent(output, source, leaf.Start + 1, leaf.End - 1);
        }

        output.Append('"');
        var original = source.AsSpan(chain.Start, chain.End - chain.Start);
        var written = output.ToString(start, output.Length - start).AsSpan();
        var missingLines = original.Count('\n') - written.Count('\n');
        output.Append('\n', Math.Max(0, missingLines));
        var endColumn = original.Length - (original.LastIndexOf('\n') + 1);
        var column = missingLines > 0 ? 0 : written.Length - (written.LastIndexOf('\n') + 1);
        output.Append(' ', Math.Max(0, endColumn - column));
    }

    // A literal's text between its quotes, made valid inside double quotes: escape sequences are copied whole (a line
    // continuation included), a bare double quote gains a backslash.
    private static void AppendContent(StringBuilder output, string source, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var c = source[i];
            if (c == '\\' && i + 1 < to)
            {
                output.Append(c).Append(source[++i]);
                if (source[i] == '\r' && i + 1 < to && source[i + 1] == '\n')
                {
                    output.Append(source[++i]);
                }
            }
            else
            {
                output.Append(c == '"' ? "\\\"" : c.ToString());
            }
        }
    }
}
