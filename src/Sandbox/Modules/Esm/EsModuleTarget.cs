using IsolatedRuntime.Sandbox.Modules.Builtins;
using IsolatedRuntime.Sandbox.Modules.Jail;

namespace IsolatedRuntime.Sandbox.Modules.Esm;

/// <summary>What one key of a run's ES module graph stands for.</summary>
internal sealed class EsModuleTarget
{
    private EsModuleTarget(EsModuleTargetKind kind, ModuleFile? file, IBuiltinModule? builtin)
    {
        Kind = kind;
        File = file;
        Builtin = builtin;
    }

    public EsModuleTargetKind Kind { get; }

    /// <summary>The ES module or CommonJS file; null for a built-in.</summary>
    public ModuleFile? File { get; }

    /// <summary>The built-in a facade stands for; null for files.</summary>
    public IBuiltinModule? Builtin { get; }

    public static EsModuleTarget EsModule(ModuleFile file) => new(EsModuleTargetKind.EsModule, file, null);

    public static EsModuleTarget Facade(ModuleFile file) => new(EsModuleTargetKind.Facade, file, null);

    public static EsModuleTarget Facade(IBuiltinModule builtin) => new(EsModuleTargetKind.Facade, null, builtin);

    public static EsModuleTarget Exports() => new(EsModuleTargetKind.Exports, null, null);
}
