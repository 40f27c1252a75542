using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// A built-in written in JavaScript whose script exports a factory (<c>module.exports = function (host) {…}</c>),
/// called with the few host values it needs (<c>util</c>'s formatting, <c>crypto</c>'s digests). The host object holds
/// only engine functions and engine objects: no CLR object reaches the script.
/// </summary>
internal sealed class FactoryBuiltinModule(string name, Func<Engine, ObjectInstance> bindings, params string[] aliases) : IBuiltinModule
{
    private readonly ScriptBuiltinModule _script = new(name, aliases);

    public string Name => _script.Name;

    public IReadOnlyList<string> Aliases => _script.Aliases;

    public JsValue Load(IBuiltinModuleHost host)
    {
        var factory = (ObjectInstance)_script.Load(host);
        return factory.Call(JsValue.Undefined, [bindings(host.Engine)]);
    }
}
