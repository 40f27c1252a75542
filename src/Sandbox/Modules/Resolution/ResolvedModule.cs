using IsolatedRuntime.Sandbox.Modules.Builtins;
using IsolatedRuntime.Sandbox.Modules.Jail;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>What a request resolved to: a file in the jail, an allowed built-in, or nothing.</summary>
internal sealed class ResolvedModule
{
    public static readonly ResolvedModule NotFound = new(null, null);

    private ResolvedModule(ModuleFile? file, IBuiltinModule? builtin)
    {
        File = file;
        Builtin = builtin;
    }

    public ModuleFile? File { get; }

    public IBuiltinModule? Builtin { get; }

    public bool IsFound => File is not null || Builtin is not null;

    public static ResolvedModule Of(ModuleFile? file) => file is null ? NotFound : new(file, null);

    public static ResolvedModule Of(IBuiltinModule? builtin) => builtin is null ? NotFound : new(null, builtin);
}
