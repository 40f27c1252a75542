using IsolatedRuntime.Sandbox.Modules.Compilation;
using Jint.Native;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// A built-in written in JavaScript, shipped as an embedded resource beside this type (<c>Builtins/path.js</c>)
/// and parsed once per process.
/// </summary>
internal sealed class ScriptBuiltinModule : IBuiltinModule
{
    private readonly Lazy<ModuleCode> _code;

    public ScriptBuiltinModule(string name, params string[] aliases)
        : this(name, name, aliases)
    {
    }

    private ScriptBuiltinModule(string name, string resource, string[] aliases)
    {
        Name = name;
        Aliases = [name, .. aliases];
        _code = new Lazy<ModuleCode>(() => ModuleParser.ParseBuiltin("node:" + name, ReadResource(resource)));
    }

    /// <summary>A built-in whose name is not a file name (<c>assert/strict</c> from <c>assert_strict.js</c>).</summary>
    public static ScriptBuiltinModule FromResource(string name, string resource) => new(name, resource, []);

    public string Name { get; }

    public IReadOnlyList<string> Aliases { get; }

    public JsValue Load(IBuiltinModuleHost host) => host.Evaluate(_code.Value, "node:" + Name);

    private static string ReadResource(string name)
    {
        var resource = $"{typeof(ScriptBuiltinModule).Namespace}.{name}.js";
        using var stream = typeof(ScriptBuiltinModule).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The built-in module '{name}' is missing from the build ({resource}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
