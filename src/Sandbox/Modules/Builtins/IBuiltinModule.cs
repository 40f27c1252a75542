using Jint.Native;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// A module the sandbox implements itself (<c>path</c>…), offered by name when
/// <see cref="SandboxOptions.AllowedBuiltinModules"/> lists it. Loaded at most once per run, on first require.
/// </summary>
internal interface IBuiltinModule
{
    /// <summary>The name that allows it (<c>path</c>).</summary>
    string Name { get; }

    /// <summary>Every name it answers to (<c>path</c>, <c>path/posix</c>).</summary>
    IReadOnlyList<string> Aliases { get; }

    /// <summary>Builds the module's exports in the run's engine.</summary>
    JsValue Load(IBuiltinModuleHost host);
}
