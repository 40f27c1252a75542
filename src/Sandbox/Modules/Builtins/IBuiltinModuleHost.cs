using IsolatedRuntime.Sandbox.Modules.Compilation;
using Jint;
using Jint.Native;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>What a built-in module may use of the run loading it.</summary>
internal interface IBuiltinModuleHost
{
    /// <summary>The run's engine.</summary>
    Engine Engine { get; }

    /// <summary>
    /// Runs <paramref name="code"/> as the module <paramref name="name"/> and returns its <c>module.exports</c>. Its
    /// <c>require</c> sees the allowed built-ins only.
    /// </summary>
    JsValue Evaluate(ModuleCode code, string name);
}
