using IsolatedRuntime.Sandbox.Modules.Esm;
using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Paths;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Jint.Runtime.Modules;
using JintModule = Jint.Runtime.Modules.Module;

namespace IsolatedRuntime.Sandbox.Modules.Runtime;

/// <summary>
/// The ES module side of one engine: Jint's module loader, answering <c>import</c> (static and dynamic) with the run's
/// own resolution — the same jail, <c>external</c>, resolver, compiler and built-in allow-list as <c>require</c>.
/// Created with the engine (Jint takes its loader at construction) and attached to the run's CommonJS modules when the
/// entry loads; module instances therefore live and die with the run's engine, while parsed sources are shared.
/// </summary>
/// <remarks>
/// Keys: an ES module file is known by its root-relative name (<c>lib/a.mjs</c>), which is also its source name in
/// stack traces and the referrer its own imports are resolved from. A CommonJS file or a built-in is reached through a
/// facade (<see cref="CommonJsFacade"/>) keyed <c>sandbox:facade/…</c>, which reads the exports value from a synthetic
/// module keyed <c>sandbox:exports/…</c>. No key is ever a host path.
/// </remarks>
internal sealed class EsModuleLinker : IModuleLoader
{
    private const string _facadePrefix = "sandbox:facade/";
    private const string _exportsPrefix = "sandbox:exports/";
    private const string _builtinPrefix = "node:";

    // Built on first use: every engine gets a linker, and most runs are CommonJS only.
    private Dictionary<string, EsModuleTarget>? _targets;
    private Dictionary<string, JsValue>? _exports;
    private HashSet<string>? _imported;
    private int _importing;
    private bool _graphAwaits;
    private RunModules? _modules;

    /// <summary>Connects this engine's imports to its run's module system; called once, before any user code runs.</summary>
    public void Attach(RunModules modules) => _modules = modules;

    /// <summary>
    /// Imports the entry ES module and returns its namespace, or — while a top-level <c>await</c> is still pending — an
    /// object whose <c>funcName</c> function waits for the module and then calls the export.
    /// </summary>
    public JsValue ImportEntry(ModuleFile entry, string funcName)
    {
        var modules = Modules();
        var import = Start(modules, entry);
        return import.IsCompleted ? Exported(modules, Settled(import), entry, funcName) : Deferred(modules, import, entry, funcName);
    }

    /// <summary>
    /// <c>require</c> of an ES module (as Node 22 allows): its namespace, once the module and its imports have run.
    /// A graph still awaiting at top level cannot be required synchronously (<c>ERR_REQUIRE_ASYNC_MODULE</c>).
    /// </summary>
    public JsValue Require(ModuleFile file, string request)
    {
        var modules = Modules();

        // A CommonJS module loaded by an import graph still in progress may not require a module of that graph: Jint
        // would be asked to load it a second time (Node's ERR_REQUIRE_CYCLE_MODULE).
        if (_importing > 0 && Targets.ContainsKey(file.DisplayName) && _imported?.Contains(file.DisplayName) != true)
        {
            throw modules.Errors.RequireCycle(request, file.DisplayName);
        }

        _graphAwaits = false;
        var import = Start(modules, file);
        if (import.IsCompleted)
        {
            return Settled(import);
        }

        // Not finished: either a top-level await is pending, or this require runs inside a promise job, where the
        // jobs that would link and evaluate the loaded graph cannot run yet. Jint's blocking import finishes the
        // latter synchronously; for the former it would wait out the run's whole budget, so that is refused.
        return _graphAwaits ? throw modules.Errors.RequireAsync(request, file.DisplayName) : FinishInsideJob(modules, file);
    }

    /// <inheritdoc/>
    public ResolvedSpecifier Resolve(string? referencingModuleLocation, ModuleRequest moduleRequest)
    {
        var modules = Modules();
        var specifier = moduleRequest.Specifier;
        if (referencingModuleLocation is null)
        {
            // The sandbox's own imports (the entry, require of an ES module) name keys it registered.
            return Targets.ContainsKey(specifier)
                ? new ResolvedSpecifier(moduleRequest, specifier, null, SpecifierType.RelativeOrAbsolute)
                : throw modules.Errors.NotFound(specifier);
        }

        if (specifier == CommonJsFacade.ExportsSpecifier
            && Targets.TryGetValue(referencingModuleLocation, out var referrer) && referrer.Kind == EsModuleTargetKind.Facade)
        {
            var key = _exportsPrefix + referencingModuleLocation[_facadePrefix.Length..];
            Targets[key] = EsModuleTarget.Exports();
            return new ResolvedSpecifier(moduleRequest, key, null, SpecifierType.Bare);
        }

        // Referrers are root-relative names, of ES modules and of CommonJS scripts calling import().
        var resolution = modules.ResolveImport(PosixPath.Directory(PosixPath.Root + referencingModuleLocation), specifier);
        return new ResolvedSpecifier(moduleRequest, Register(resolution), null, SpecifierType.RelativeOrAbsolute);
    }

    /// <inheritdoc/>
    public JintModule LoadModule(Engine engine, ResolvedSpecifier resolved)
    {
        var modules = Modules();
        var key = resolved.Key;
        if (!Targets.TryGetValue(key, out var target))
        {
            throw modules.Errors.NotFound(resolved.ModuleRequest.Specifier);
        }

        switch (target.Kind)
        {
            case EsModuleTargetKind.EsModule:
                var code = modules.PrepareEsModule(target.File!, resolved.ModuleRequest.Specifier);
                _graphAwaits |= code.HasTopLevelAwait;
                return ModuleFactory.BuildSourceTextModule(engine, code.EsModule);
            case EsModuleTargetKind.Facade:
                var exports = target.File is { } file
                    ? modules.RequireFile(file, resolved.ModuleRequest.Specifier)
                    : modules.LoadBuiltin(target.Builtin!);
                (_exports ??= new(StringComparer.Ordinal))[key[_facadePrefix.Length..]] = exports;
                var facade = modules.Services.Code.GetSandboxEsModule(key, CommonJsFacade.Source(exports));
                return ModuleFactory.BuildSourceTextModule(engine, facade.EsModule);
            default:
                return ModuleFactory.BuildJsonModule(engine, _exports![key[_exportsPrefix.Length..]], key);
        }
    }

    // Loads, links and evaluates the module's graph as far as it goes without the event loop (microtasks included).
    private ModuleImportOperation Start(RunModules modules, ModuleFile file)
    {
        var key = Register(file);
        _importing++;
        try
        {
            var import = modules.Engine.Modules.StartImport(key);
            modules.Engine.Advanced.ProcessTasks();
            if (import.IsCompleted)
            {
                (_imported ??= new(StringComparer.Ordinal)).Add(key);
            }

            return import;
        }
        finally
        {
            _importing--;
        }
    }

    private ObjectInstance FinishInsideJob(RunModules modules, ModuleFile file)
    {
        _importing++;
        try
        {
            var space = modules.Engine.Modules.Import(file.DisplayName);
            (_imported ??= new(StringComparer.Ordinal)).Add(file.DisplayName);
            return space;
        }
        finally
        {
            _importing--;
        }
    }

    private string Register(ModuleFile file)
    {
        Targets[file.DisplayName] = EsModuleTarget.EsModule(file);
        return file.DisplayName;
    }

    private string Register(Resolution.ResolvedModule resolution)
    {
        if (resolution.Builtin is { } builtin)
        {
            var builtinKey = _facadePrefix + _builtinPrefix + builtin.Name;
            Targets[builtinKey] = EsModuleTarget.Facade(builtin);
            return builtinKey;
        }

        var file = resolution.File!;
        if (Modules().IsEsModule(file))
        {
            return Register(file);
        }

        var key = _facadePrefix + file.DisplayName;
        Targets[key] = EsModuleTarget.Facade(file);
        return key;
    }

    private static ObjectInstance Settled(ModuleImportOperation import) =>
        import.IsFaulted || import.Namespace is not { } space
            ? throw new JavaScriptException(import.Error ?? JsValue.Undefined)
            : space;

    private static ObjectInstance Exported(RunModules modules, ObjectInstance space, ModuleFile entry, string funcName)
    {
        var function = space.Get(funcName);
        return function.IsCallable()
            ? space
            : throw modules.Errors.ExportNotFound(funcName, entry.DisplayName, function);
    }

    // The module awaits at top level (a timer, say): the run's event loop drives it. The function named by funcName
    // waits for the module, then calls the export with the run's arguments.
    private static ObjectInstance Deferred(RunModules modules, ModuleImportOperation import, ModuleFile entry, string funcName)
    {
        var engine = modules.Engine;
        var deferred = engine.Intrinsics.Object.Construct(Arguments.Empty);
        deferred.FastSetDataProperty(funcName, new ClrFunction(engine, funcName, (_, arguments) =>
        {
            var onLoaded = new ClrFunction(engine, "", (_, loaded) =>
            {
                var space = Exported(modules, (ObjectInstance)loaded.At(0), entry, funcName);
                return engine.Call(space.Get(funcName), space, arguments);
            });
            return engine.Call(import.Promise.Get("then"), import.Promise, [onLoaded]);
        }));
        return deferred;
    }

    private Dictionary<string, EsModuleTarget> Targets => _targets ??= new(StringComparer.Ordinal);

    private RunModules Modules() =>
        _modules ?? throw new InvalidOperationException("The ES module loader was used before its run's modules were attached.");
}
