using IsolatedRuntime.Sandbox.Globals;
using Jint.Native;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// A built-in that is the exports of one of the run's global scripts (<c>buffer</c>): <c>require('buffer').Buffer</c>
/// is the global <c>Buffer</c>, so <c>instanceof</c> and <c>Buffer.isBuffer</c> agree across both — or one global it
/// defines (<c>require('process') === process</c>).
/// </summary>
internal sealed class GlobalsBuiltinModule(string name, GlobalScript script, string? member = null) : IBuiltinModule
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Aliases { get; } = [name];

    public JsValue Load(IBuiltinModuleHost host) =>
        member is null ? NodeGlobals.Exports(host.Engine, script) : NodeGlobals.Exports(host.Engine, script).Get(member);
}
