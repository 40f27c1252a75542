using IsolatedRuntime.Sandbox.Modules.Compilation;
using IsolatedRuntime.Sandbox.Modules.Jail;
using Jint;
using Jint.Native;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>What a built-in module may use of the run loading it.</summary>
internal interface IBuiltinModuleHost
{
    /// <summary>The run's engine.</summary>
    Engine Engine { get; }

    /// <summary>The run's jail: what the <c>fs</c> built-in may read.</summary>
    ModuleFileSystem Files { get; }

    /// <summary>The largest file the <c>fs</c> built-in reads (<see cref="SandboxOptions.MaxSourceBytes"/>).</summary>
    int MaxFileBytes { get; }

    /// <summary>
    /// Runs <paramref name="code"/> as the module <paramref name="name"/> and returns its <c>module.exports</c>. Its
    /// <c>require</c> sees the allowed built-ins only.
    /// </summary>
    JsValue Evaluate(ModuleCode code, string name);
}
