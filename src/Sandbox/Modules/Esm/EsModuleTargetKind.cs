namespace IsolatedRuntime.Sandbox.Modules.Esm;

/// <summary>The kinds of module an ES module graph holds.</summary>
internal enum EsModuleTargetKind
{
    /// <summary>A source file parsed as an ES module; its key is its root-relative name.</summary>
    EsModule,

    /// <summary>
    /// A CommonJS file or a built-in seen from an ES module: a module the sandbox writes, whose default export is
    /// the exports object and whose named exports are that object's own enumerable names.
    /// </summary>
    Facade,

    /// <summary>The exports value a facade reads, as a synthetic module with only a default export.</summary>
    Exports,
}
