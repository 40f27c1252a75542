using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Function;

namespace IsolatedRuntime.Sandbox.Globals;

/// <summary>
/// A JavaScript file shipped with the sandbox that evaluates to a factory function (<c>Globals/text.js</c>…), parsed
/// once per process and shared by every engine. Its source name starts with <c>sandbox:</c>, so its frames never
/// show in a run's stack.
/// </summary>
internal sealed class GlobalScript
{
    private readonly Lazy<(Prepared<Script> Script, string[] Globals)> _script;

    // The factory is wrapped in a function taking the global names it uses (GlobalBindings), so what it calls is fixed
    // when it is built, not looked up on a global object a run may have changed.
    private GlobalScript(string name, Func<string> source) =>
        _script = new Lazy<(Prepared<Script>, string[])>(() =>
        {
            var text = source();
            var globals = GlobalBindings.NamesUsedBy(text);
            return (Engine.PrepareScript(GlobalBindings.Head(globals) + "(\n" + text + "\n); })", "sandbox:" + name), globals);
        });

    /// <summary>A factory script under <c>Globals/</c>.</summary>
    public static GlobalScript Factory(string name) =>
        new("globals/" + name + ".js", () => ReadResource($"{typeof(GlobalScript).Namespace}.{name}.js"));

    /// <summary>A CommonJS body (a vendored built-in module) turned into a factory returning its exports.</summary>
    public static GlobalScript CommonJs(string resource, string name) =>
        new("node:" + name, () => "(function () { var module = { exports: {} }; var exports = module.exports;\n"
            + ReadResource(resource) + "\n;return module.exports; })");

    /// <summary>Evaluates the factory in <paramref name="engine"/> and calls it with <paramref name="arguments"/>.</summary>
    public JsValue Run(Engine engine, params JsValue[] arguments)
    {
        var (script, globals) = _script.Value;
        var bind = (Function)engine.Evaluate(script);
        var factory = (Function)bind.Call(JsValue.Undefined, GlobalBindings.Values(engine, globals));
        return factory.Call(JsValue.Undefined, arguments);
    }

    private static string ReadResource(string resource)
    {
        using var stream = typeof(GlobalScript).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The sandbox script '{resource}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
