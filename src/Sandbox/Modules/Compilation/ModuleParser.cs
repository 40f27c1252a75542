using Acornima;
using Acornima.Ast;
using IsolatedRuntime.Sandbox.Limits;
using Jint;

namespace IsolatedRuntime.Sandbox.Modules.Compilation;

/// <summary>Parses module sources into shareable prepared scripts, or explains why they do not parse.</summary>
internal static class ModuleParser
{
    /// <summary>
    /// Checks <paramref name="source"/>'s nesting, wraps it as a CommonJS function and parses it under the source name
    /// <paramref name="name"/>. Never throws for bad code: a problem becomes the message of a <c>SyntaxError</c>
    /// naming the file, line and column.
    /// </summary>
    public static ModuleCode Parse(string name, string source)
    {
        if (SourceNestingGuard.FindProblem(source, name) is { } problem)
        {
            return ModuleCode.Failed(problem);
        }

        try
        {
            var script = PrepareScript(name, source);
            if (!ModuleWrapper.IsWellFormed(script.Program!))
            {
                return ModuleCode.Failed(DescribeAlone(name, source));
            }

            ModuleWrapper.RestoreFirstLineColumns(script.Program!);
            return ModuleCode.Ready(script);
        }
        catch (ScriptPreparationException ex) when (IsEngineNestingLimit(ex))
        {
            return ModuleCode.Failed(DescribeEngineNestingLimit(name));
        }
        catch (ScriptPreparationException ex)
        {
            return ModuleCode.Failed(Describe(name, source, ex));
        }
        catch (InsufficientExecutionStackException)
        {
            return ModuleCode.Failed($"The code is nested too deeply to parse ({name})");
        }
    }

    /// <summary>
    /// Parses one of the sandbox's own built-in modules: wrapped as a CommonJS function that is returned by a function
    /// taking the global names the source uses (<see cref="Globals.GlobalBindings"/>). The sandbox's sources parse.
    /// </summary>
    public static ModuleCode ParseBuiltin(string name, string source)
    {
        var globals = Globals.GlobalBindings.NamesUsedBy(source);
        var head = Globals.GlobalBindings.Head(globals);
        var script = Engine.PrepareScript(ModuleWrapper.Wrap(source, head), name);
        ModuleWrapper.RestoreFirstLineColumns(script.Program!, head.Length + ModuleWrapper.Head.Length);
        return ModuleCode.Ready(script, globals);
    }

    /// <summary>
    /// Checks <paramref name="source"/>'s nesting and parses it as an ES module named <paramref name="name"/> (the name
    /// its stack frames show, and the location its own imports are resolved from). Never throws for bad code.
    /// </summary>
    public static ModuleCode ParseEsModule(string name, string source)
    {
        if (SourceNestingGuard.FindProblem(source, name) is { } problem)
        {
            return ModuleCode.Failed(problem, isEsModule: true);
        }

        try
        {
            var module = PrepareModule(name, source);
            return ModuleCode.ReadyEsModule(module, HasTopLevelAwait(module.Program!));
        }
        catch (ScriptPreparationException ex) when (IsEngineNestingLimit(ex))
        {
            return ModuleCode.Failed(DescribeEngineNestingLimit(name), isEsModule: true);
        }
        catch (ScriptPreparationException ex)
        {
            var message = ex.InnerException is ParseErrorException error
                ? $"{error.Description} ({name}:{error.LineNumber}:{error.Column + 1})"
                : $"{ex.Message} ({name})";
            return ModuleCode.Failed(message, isEsModule: true);
        }
        catch (InsufficientExecutionStackException)
        {
            return ModuleCode.Failed($"The code is nested too deeply to parse ({name})", isEsModule: true);
        }
    }

    // Jint prepares no syntax tree deeper than 256 levels (a fixed limit of its scope analysis), and a flat chain of
    // string literals joined by + is as deep as it is long. Only when Jint refuses, the chains are folded into single
    // literals (StringChainFolder) and the source is prepared again: the common path pays nothing.
    private static Prepared<Script> PrepareScript(string name, string source)
    {
        try
        {
            return Engine.PrepareScript(ModuleWrapper.Wrap(source), name);
        }
        catch (ScriptPreparationException ex) when (IsEngineNestingLimit(ex) && StringChainFolder.Fold(source, module: false) is { } folded)
        {
            return Engine.PrepareScript(ModuleWrapper.Wrap(folded), name);
        }
    }

    private static Prepared<Acornima.Ast.Module> PrepareModule(string name, string source)
    {
        try
        {
            return Engine.PrepareModule(source, name);
        }
        catch (ScriptPreparationException ex) when (IsEngineNestingLimit(ex) && StringChainFolder.Fold(source, module: true) is { } folded)
        {
            return Engine.PrepareModule(folded, name);
        }
    }

    private static bool IsEngineNestingLimit(ScriptPreparationException exception) =>
        exception.InnerException is not ParseErrorException
        && exception.Message.Contains("nesting exceeds maximum depth", StringComparison.Ordinal);

    private static string DescribeEngineNestingLimit(string name) =>
        $"{name} has a part nested more than 256 levels deep inside one function (a chain of more than 256 operators, "
        + "calls or else-ifs counts as that deep), which the engine cannot prepare; split that expression or statement "
        + "into smaller ones.";

    // Looks for an await outside every function: in the module's own statements, or a for await at that level.
    private static bool HasTopLevelAwait(Node program)
    {
        var pending = new Stack<Node>();
        pending.Push(program);
        while (pending.Count > 0)
        {
            foreach (var child in pending.Pop().ChildNodes)
            {
                switch (child)
                {
                    case AwaitExpression or ForOfStatement { Await: true }:
                        return true;
                    case IFunction:
                        continue;
                    default:
                        pending.Push(child);
                        break;
                }
            }
        }

        return false;
    }

    private static string Describe(string name, string source, ScriptPreparationException exception)
    {
        if (exception.InnerException is not ParseErrorException error)
        {
            return $"{exception.Message} ({name})";
        }

        // An error found in the wrapper's closing line (an unfinished source) is reported as the source alone sees it.
        if (error.LineNumber > LineCount(source))
        {
            return DescribeAlone(name, source);
        }

        var column = ModuleWrapper.SourceColumn(error.LineNumber, error.Column) + 1;
        return $"{error.Description} ({name}:{error.LineNumber}:{column})";
    }

    // Parsed alone, the source reports its own error where Node would: at its own lines and columns.
    private static string DescribeAlone(string name, string source)
    {
        try
        {
            Engine.PrepareScript(source, name);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException error)
        {
            return $"{error.Description} ({name}:{error.LineNumber}:{error.Column + 1})";
        }

        return $"The module's code is not a complete script ({name})";
    }

    private static int LineCount(string source) => source.AsSpan().Count('\n') + 1;
}
