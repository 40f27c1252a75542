using Acornima.Ast;
using Jint;

namespace IsolatedRuntime.Sandbox.Modules.Compilation;

/// <summary>
/// A module's code, parsed once and shared by every engine that runs it; or, when it does not parse, why.
/// Failures are cached too, so a broken module is not re-parsed on every run.
/// </summary>
internal sealed class ModuleCode
{
    private ModuleCode(Prepared<Script> script, string? problem)
    {
        Script = script;
        Problem = problem;
    }

    /// <summary>The wrapped module: evaluates to the function CommonJS calls with exports, require, module…</summary>
    public Prepared<Script> Script { get; }

    /// <summary>The message of the <c>SyntaxError</c> to raise instead of running; null when the code is ready.</summary>
    public string? Problem { get; }

    public static ModuleCode Ready(Prepared<Script> script) => new(script, null);

    public static ModuleCode Failed(string problem) => new(default, problem);
}
