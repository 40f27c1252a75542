using IsolatedRuntime.Sandbox.Globals;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// The built-in modules this sandbox implements, and which of them its options allow. New built-ins are added to
/// <see cref="Implemented"/> (a script under <c>Builtins/</c>, or a type implementing <see cref="IBuiltinModule"/>).
/// </summary>
internal sealed class BuiltinModuleCatalog
{
    /// <summary>Every built-in this sandbox can offer.</summary>
    public static readonly IReadOnlyList<IBuiltinModule> Implemented =
    [
        new ScriptBuiltinModule("path", "path/posix"),
        new GlobalsBuiltinModule("buffer", NodeGlobals.Buffer),
        new ScriptBuiltinModule("events"),
        new ScriptBuiltinModule("assert"),
        ScriptBuiltinModule.FromResource("assert/strict", "assert_strict"),
        new ScriptBuiltinModule("querystring"),
        new ScriptBuiltinModule("string_decoder"),
        new FactoryBuiltinModule("util", BuiltinBindings.Util),
        new FactoryBuiltinModule("url", BuiltinBindings.Url),
        new FactoryBuiltinModule("crypto", BuiltinBindings.Crypto),
        new ScriptBuiltinModule("stream"),
        ScriptBuiltinModule.FromResource("stream/promises", "stream_promises"),
        new ScriptBuiltinModule("punycode"),
        new GlobalsBuiltinModule("process", NodeGlobals.Process, "process"),
        new ScriptBuiltinModule("timers"),
        ScriptBuiltinModule.FromResource("timers/promises", "timers_promises"),
    ];

    /// <summary>What <see cref="SandboxOptions.AllowedBuiltinModules"/> allows when not set.</summary>
    public static readonly string[] DefaultAllowed =
        [
            "path", "util", "events", "assert", "assert/strict", "buffer", "url", "querystring", "string_decoder", "crypto",
            "stream", "stream/promises", "timers", "timers/promises", "punycode", "process",
        ];

    private readonly Dictionary<string, IBuiltinModule> _allowed = new(StringComparer.Ordinal);

    /// <summary>
    /// Allows the modules named in <paramref name="allowed"/>, and Node's host modules as <paramref name="hostModules"/>
    /// says (not found, denied stubs, or a read-only <c>fs</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A name is neither implemented nor a host module (most likely a typo).</exception>
    public BuiltinModuleCatalog(IEnumerable<string> allowed, HostModulePolicy hostModules = HostModulePolicy.NotFound)
    {
        if (hostModules != HostModulePolicy.NotFound)
        {
            _allowed["fs"] = new FileSystemBuiltinModule(readable: hostModules == HostModulePolicy.ReadOnlyFileSystem);
            _allowed["fs/promises"] = ScriptBuiltinModule.FromResource("fs/promises", "fs_promises");
            foreach (var name in HostStubBuiltinModule.Names)
            {
                _allowed[name] = new HostStubBuiltinModule(name);
            }
        }

        foreach (var name in allowed)
        {
            if (NodeCoreModules.HostTouching.Contains(name))
            {
                continue;
            }

            var module = Implemented.FirstOrDefault(m => m.Name == name)
                ?? throw new ArgumentException(
                    $"SandboxOptions.AllowedBuiltinModules lists '{name}', which this sandbox does not implement. "
                    + $"Implemented: {string.Join(", ", Implemented.Select(m => m.Name))}.",
                    nameof(allowed));
            foreach (var alias in module.Aliases)
            {
                _allowed[alias] = module;
            }
        }
    }

    /// <summary>The allowed built-in answering to <paramref name="name"/>, or null.</summary>
    public IBuiltinModule? Find(string name) => _allowed.GetValueOrDefault(name);

    /// <summary>
    /// The built-in a built-in's own <c>require</c> gets: any implemented one, allowed or not (<c>string_decoder</c>
    /// uses <c>buffer</c>, <c>util</c> uses <c>assert</c>). User code only ever reaches what <see cref="Find"/> answers.
    /// </summary>
    public IBuiltinModule? FindForBuiltin(string name) =>
        Find(name) ?? Implemented.FirstOrDefault(m => m.Aliases.Contains(name));
}
