using System.Runtime.CompilerServices;
using Acornima;
using Acornima.Ast;

namespace IsolatedRuntime.Sandbox.Modules.Compilation;

/// <summary>
/// Turns a CommonJS source into a function expression, as Node does. The head shares the source's first line so
/// every line number stays right; the columns it shifts on line 1 are moved back in the parsed tree, so stack
/// traces show the module's own positions.
/// </summary>
internal static class ModuleWrapper
{
    public const string Head = "(function (exports, require, module, __filename, __dirname) {";
    public const string Tail = "\n})";

    public static string Wrap(string source) => string.Concat(Head, WithoutHashbang(source), Tail);

    /// <summary>
    /// Wraps a sandbox built-in: the module function is returned by a function taking the global names the source
    /// uses (<see cref="Globals.GlobalBindings"/>), so that <paramref name="bindingHead"/> comes before <see cref="Head"/>.
    /// </summary>
    public static string Wrap(string source, string bindingHead) =>
        string.Concat(bindingHead, Head, WithoutHashbang(source), Tail, "; })");

    /// <summary>
    /// True when the wrapped program is exactly the one function expression. A source that closes the wrapper early
    /// (<c>}); other(); (function () {</c>) parses, but is not a module.
    /// </summary>
    public static bool IsWellFormed(Script program) =>
        program.Body is [ExpressionStatement { Expression: FunctionExpression }];

    /// <summary>The column of a parser position in the wrapped source, as it is in the module's own text.</summary>
    public static int SourceColumn(int line, int wrappedColumn, int headLength = -1) =>
        line == 1 ? Math.Max(0, wrappedColumn - (headLength < 0 ? Head.Length : headLength)) : wrappedColumn;

    /// <summary>
    /// Moves the line-1 locations of a freshly parsed, not yet shared tree back by the head's length. Only nodes
    /// starting on line 1 are visited: a node starting later has no descendant on line 1.
    /// </summary>
    public static void RestoreFirstLineColumns(Script program, int headLength = -1)
    {
        var pending = new Stack<Node>();
        pending.Push(program);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            ref readonly var location = ref node.LocationRef;
            if (location.Start.Line != 1)
            {
                continue;
            }

            var start = Position.From(1, SourceColumn(1, location.Start.Column, headLength));
            var end = location.End.Line == 1 ? Position.From(1, SourceColumn(1, location.End.Column, headLength)) : location.End;

            // Acornima exposes locations read-only, and Jint reads them when it builds stack traces. The tree is
            // ours alone until it is cached, so correcting it in place is safe and keeps every later stack exact.
            Unsafe.AsRef(in location) = SourceLocation.From(start, end, location.SourceFile);
            foreach (var child in node.ChildNodes)
            {
                pending.Push(child);
            }
        }
    }

    // Node accepts a '#!' line at the start of a file; inside the wrapper it would not parse. Same length keeps columns.
    private static string WithoutHashbang(string source) =>
        source.StartsWith("#!", StringComparison.Ordinal) ? string.Concat("//", source.AsSpan(2)) : source;
}
