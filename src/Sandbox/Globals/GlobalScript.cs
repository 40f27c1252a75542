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
    private readonly Lazy<Prepared<Script>> _script;

    private GlobalScript(string name, Func<string> source) =>
        _script = new Lazy<Prepared<Script>>(() => Engine.PrepareScript(source(), "sandbox:" + name));

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
        var factory = (Function)engine.Evaluate(_script.Value);
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
