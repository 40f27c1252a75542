using Acornima.Ast;
using Jint;

namespace IsolatedRuntime.Sandbox.Modules.Compilation;

/// <summary>
/// A module's code, parsed once and shared by every engine that runs it; or, when it does not parse, why.
/// Failures are cached too, so a broken module is not re-parsed on every run.
/// </summary>
internal sealed class ModuleCode
{
    private ModuleCode(Prepared<Script> script, Prepared<Module> esModule, bool isEsModule, string? problem, bool hasTopLevelAwait = false, string[]? boundGlobals = null)
    {
        BoundGlobals = boundGlobals;
        Script = script;
        EsModule = esModule;
        IsEsModule = isEsModule;
        Problem = problem;
        HasTopLevelAwait = hasTopLevelAwait;
    }

    /// <summary>The wrapped module: evaluates to the function CommonJS calls with exports, require, module…</summary>
    public Prepared<Script> Script { get; }

    /// <summary>The parsed ES module, named by its root-relative file name; set when <see cref="IsEsModule"/>.</summary>
    public Prepared<Module> EsModule { get; }

    /// <summary>True for an ES module's code (<see cref="EsModule"/>), false for a CommonJS one (<see cref="Script"/>).</summary>
    public bool IsEsModule { get; }

    /// <summary>The message of the <c>SyntaxError</c> to raise instead of running; null when the code is ready.</summary>
    public string? Problem { get; }

    /// <summary>True for an ES module that awaits at its top level (its evaluation may not finish synchronously).</summary>
    public bool HasTopLevelAwait { get; }

    /// <summary>
    /// For a sandbox built-in: the global names its <see cref="Script"/> takes first (it evaluates to a function of
    /// them that returns the module function); null for every other module.
    /// </summary>
    public string[]? BoundGlobals { get; }

    public static ModuleCode Ready(Prepared<Script> script, string[]? boundGlobals = null) =>
        new(script, default, isEsModule: false, null, boundGlobals: boundGlobals);

    public static ModuleCode ReadyEsModule(Prepared<Module> module, bool hasTopLevelAwait) =>
        new(default, module, isEsModule: true, null, hasTopLevelAwait);

    public static ModuleCode Failed(string problem, bool isEsModule = false) => new(default, default, isEsModule, problem);
}
