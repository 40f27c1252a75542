using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Modules.Builtins;
using IsolatedRuntime.Sandbox.Modules.Compilation;
using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Paths;
using IsolatedRuntime.Sandbox.Modules.Resolution;
using IsolatedRuntime.Sandbox.RunState;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Modules.Runtime;

/// <summary>
/// The CommonJS modules of one engine: its module cache (fresh per run, so cycles see partial exports as in Node),
/// its <c>require</c> functions and the evaluation of each module's shared prepared code. ES modules are handed to
/// the engine's <see cref="EsModuleLinker"/>, which resolves and loads through this class.
/// </summary>
internal sealed class RunModules : IBuiltinModuleHost
{
    private readonly ModuleScope _scope;
    private readonly ModuleServices _services;
    private readonly EsModuleLinker? _linker;
    private RunContext _context;
    private ModuleErrors _errors;
    private RequestResolver _resolver;
    private readonly Dictionary<string, ObjectInstance> _modules = new(StringComparer.Ordinal);
    private Dictionary<string, JsValue>? _builtins;
    private Dictionary<(string Directory, string Request), ResolvedModule>? _resolutions;
    private ClrFunction? _builtinRequire;
    private ObjectInstance? _main;

    public RunModules(Engine engine, RunContext context, ModuleScope scope, ModuleServices services, EsModuleLinker? linker = null)
    {
        Engine = engine;
        _context = context;
        _scope = scope;
        _services = services;
        _errors = new ModuleErrors(engine, context.FaultTags);
        _linker = linker;
        linker?.Attach(this);
        _resolver = NewResolver(context);
    }

    public Engine Engine { get; }

    public ModuleFileSystem Files => _scope.Files;

    public int MaxFileBytes => _services.MaxSourceBytes;

    /// <summary>
    /// Hands the modules of a warm engine to its next run: loader errors are tagged for that run, and the operator's
    /// resolver and compiler run under that run's budget. Loaded modules and resolutions are kept.
    /// </summary>
    public void Rebind(RunContext context)
    {
        _context = context;
        _errors = new ModuleErrors(Engine, context.FaultTags);
        _resolver = NewResolver(context);
    }

    public ModuleErrors Errors => _errors;

    public ModuleServices Services => _services;

    /// <summary>True once <see cref="LoadEntry"/> loaded an ES module: a warm engine keeps only CommonJS entries.</summary>
    public bool EntryIsEsModule { get; private set; }

    /// <summary>
    /// Evaluates the entry module <paramref name="file"/> (root-relative) and returns its exports: <c>module.exports</c>
    /// of a CommonJS module, the namespace of an ES module.
    /// </summary>
    public JsValue LoadEntry(string file)
    {
        var resolution = Guarded(file, () => _resolver.ResolveEntry(file));
        if (resolution.File is not { } entry)
        {
            throw _errors.NotFound(file);
        }

        EntryIsEsModule = IsEsModule(entry);
        return EntryIsEsModule ? EsModules(file).ImportEntry(entry, _context.Run.FuncName ?? "") : Load(entry, file, isMain: true);
    }

    /// <summary>Whether <paramref name="file"/> is an ES module (<c>.mjs</c>, or <c>.js</c> in a <c>"type": "module"</c> package).</summary>
    public bool IsEsModule(ModuleFile file) => !file.IsJson && _services.Finder.IsEsModule(_scope.Files, file);

    /// <summary>Resolves an ES module's <c>import</c> (or a script's <c>import()</c>) as <c>require</c> would, with the <c>import</c> condition.</summary>
    public ResolvedModule ResolveImport(string fromDirectory, string request)
    {
        var resolution = Guarded(request, () => _resolver.Resolve(fromDirectory, request, import: true));
        return resolution.IsFound ? resolution : throw _errors.NotFound(request);
    }

    /// <summary>Loads the CommonJS (or JSON) module <paramref name="file"/> in this run's module cache and returns its exports.</summary>
    public JsValue RequireFile(ModuleFile file, string request) => Load(file, request, isMain: false);

    /// <summary>The prepared code of the ES module <paramref name="file"/>, compiled by the operator's compiler if any.</summary>
    public ModuleCode PrepareEsModule(ModuleFile file, string request)
    {
        var (text, holder) = ReadText(file, request);
        return Prepare(file, text, holder, isEsModule: true);
    }

    JsValue IBuiltinModuleHost.Evaluate(ModuleCode code, string name)
    {
        var module = NewModule(name, PosixPath.Root, isMain: false);
        Run(code, module, BuiltinRequire(), name, PosixPath.Root);
        return module.Get("exports");
    }

    private RequestResolver NewResolver(RunContext context) => new(
        _scope.Files,
        _services.Finder,
        _services.Builtins,
        _scope.External,
        () => _scope.Resolver?.Begin(context));

    private JsValue Require(string fromDirectory, JsValue id)
    {
        var request = RequestText(id);
        var resolution = Resolve(fromDirectory, request);
        return resolution.Builtin is { } builtin ? LoadBuiltin(builtin) : Load(resolution.File!, request, isMain: false);
    }

    private JsValue RequireResolve(string fromDirectory, JsValue id)
    {
        var request = RequestText(id);
        var resolution = Resolve(fromDirectory, request);
        return resolution.File?.Path ?? request;
    }

    private JsValue RequireBuiltin(JsValue id)
    {
        var request = RequestText(id);
        var name = request.StartsWith("node:", StringComparison.Ordinal) ? request[5..] : request;
        return _services.Builtins.FindForBuiltin(name) is { } builtin ? LoadBuiltin(builtin) : throw _errors.NotFound(request);
    }

    private ResolvedModule Resolve(string fromDirectory, string request)
    {
        if (_resolutions?.TryGetValue((fromDirectory, request), out var known) == true)
        {
            return known;
        }

        var resolution = Guarded(request, () => _resolver.Resolve(fromDirectory, request));
        if (!resolution.IsFound)
        {
            throw _errors.NotFound(request);
        }

        (_resolutions ??= [])[(fromDirectory, request)] = resolution;
        return resolution;
    }

    private ResolvedModule Guarded(string request, Func<ResolvedModule> resolve)
    {
        try
        {
            return resolve();
        }
        catch (OperatorFailureException ex)
        {
            ModuleLog.OperatorFailed(_services.Logger, "module resolver", request, ex);
            throw _errors.ResolverFailed(request, _scope.Files.Scrub(ex.Message));
        }
        catch (ModuleResolutionException ex)
        {
            throw _errors.NotFound(request, ex.Message);
        }
    }

    private JsValue Load(ModuleFile file, string request, bool isMain)
    {
        if (_modules.TryGetValue(file.Path, out var loaded))
        {
            return loaded.Get("exports");
        }

        if (IsEsModule(file))
        {
            return EsModules(request).Require(file, request);
        }

        var (text, holder) = ReadText(file, request);
        var module = NewModule(file.Path, file.Directory, isMain);
        _modules[file.Path] = module;
        try
        {
            if (file.IsJson)
            {
                module.Set("exports", ParseJson(file, text));
            }
            else
            {
                Run(Prepare(file, text, holder, isEsModule: false), module, CreateRequire(file.Directory), file.Path, file.Directory);
            }
        }
        catch
        {
            // As in Node: a module that failed to load is not cached, so a later require tries again.
            _modules.Remove(file.Path);
            throw;
        }

        module.Set("loaded", JsBoolean.True);
        return module.Get("exports");
    }

    /// <summary>The exports of <paramref name="builtin"/> in this run, loaded on first use.</summary>
    public JsValue LoadBuiltin(IBuiltinModule builtin)
    {
        _builtins ??= new Dictionary<string, JsValue>(StringComparer.Ordinal);
        if (!_builtins.TryGetValue(builtin.Name, out var exports))
        {
            exports = builtin.Load(this);
            BuiltinLoaded?.Invoke(builtin.Name, exports);
            _builtins[builtin.Name] = exports;
        }

        return exports;
    }

    /// <summary>The built-ins loaded so far, by name, with their exports.</summary>
    public IEnumerable<KeyValuePair<string, JsValue>> LoadedBuiltins => _builtins ?? [];

    /// <summary>
    /// Called with a built-in's name and exports when it is first loaded, before anything else sees them: a warm
    /// engine locks them, as it locked its globals.
    /// </summary>
    public Action<string, JsValue>? BuiltinLoaded { get; set; }

    private (string Text, SourceText? Holder) ReadText(ModuleFile file, string request)
    {
        if (file.InlineText is { } inline)
        {
            return (inline, null);
        }

        var source = _services.Host.ReadText(file.Host!, _services.MaxSourceBytes)
            ?? throw _errors.NotFound(request, "the file could not be read");
        return source != SourceText.TooLarge ? (source.Text, source) : throw _errors.TooLarge(file.DisplayName, _services.MaxSourceBytes);
    }

    private ModuleCode Prepare(ModuleFile file, string text, SourceText? holder, bool isEsModule)
    {
        ModuleCode code;
        try
        {
            code = isEsModule
                ? _services.Code.GetEsModule(file.DisplayName, text, holder, _scope.Compiler, _context)
                : _services.Code.GetScript(file.DisplayName, text, holder, _scope.Compiler, _context);
        }
        catch (OperatorFailureException ex)
        {
            ModuleLog.OperatorFailed(_services.Logger, "compiler", file.DisplayName, ex);
            throw _errors.CompilerFailed(file.DisplayName, _scope.Files.Scrub(ex.Message));
        }

        return code.Problem is { } problem ? throw _errors.Syntax(problem) : code;
    }

    private void Run(ModuleCode code, ObjectInstance module, ClrFunction require, string fileName, string directory)
    {
        var exports = module.Get("exports");
        module.FastSetDataProperty("require", require);
        var function = Engine.Evaluate(code.Script);
        if (code.BoundGlobals is { } globals)
        {
            function = Engine.Call(function, JsValue.Undefined, Globals.GlobalBindings.Values(Engine, globals));
        }

        Engine.Call(function, exports, [exports, require, module, fileName, directory]);
    }

    private JsValue ParseJson(ModuleFile file, string text)
    {
        if (SourceNestingGuard.FindProblem(text, file.DisplayName) is { } problem)
        {
            throw _errors.Syntax(problem);
        }

        try
        {
            return new JsonParser(Engine).Parse(text);
        }
        catch (JavaScriptException ex)
        {
            throw _errors.Syntax($"{ex.Message} ({file.DisplayName})");
        }
    }

    // Fresh objects no script has seen yet: plain data properties can be written directly, several times cheaper
    // than Set, which matters on the per-run hot path.
    private ObjectInstance NewModule(string path, string directory, bool isMain)
    {
        var module = Engine.Intrinsics.Object.Construct(Arguments.Empty);
        module.FastSetDataProperty("id", isMain ? "." : path);
        module.FastSetDataProperty("filename", path);
        module.FastSetDataProperty("path", directory);
        module.FastSetDataProperty("exports", Engine.Intrinsics.Object.Construct(Arguments.Empty));
        module.FastSetDataProperty("loaded", JsBoolean.False);
        if (isMain)
        {
            _main = module;
        }

        return module;
    }

    // Operator modules run in engines of their own, which have no ES module loader.
    private EsModuleLinker EsModules(string request) =>
        _linker ?? throw _errors.Syntax(
            $"'{request}' is an ES module, which this engine cannot load (operator modules cannot load ES modules); write the resolver or compiler as CommonJS");

    private ClrFunction CreateRequire(string directory)
    {
        var require = new ClrFunction(Engine, "require", (_, arguments) => Require(directory, arguments.At(0)), 1);
        require.FastSetDataProperty("resolve", new ClrFunction(Engine, "resolve", (_, arguments) => RequireResolve(directory, arguments.At(0)), 1));
        require.FastSetDataProperty("main", _main ?? JsValue.Undefined);
        return require;
    }

    private ClrFunction BuiltinRequire() =>
        _builtinRequire ??= new ClrFunction(Engine, "require", (_, arguments) => RequireBuiltin(arguments.At(0)), 1);

    private string RequestText(JsValue id)
    {
        if (!id.IsString())
        {
            var received = id.IsNull() || id.IsUndefined() ? id.ToString() : "type " + id.Type.ToString().ToLowerInvariant();
            throw ModuleErrors.InvalidArgument(
                Engine, $"The \"id\" argument must be of type string. Received {received}", "ERR_INVALID_ARG_TYPE");
        }

        var text = id.AsString();
        return text.Length > 0
            ? text
            : throw ModuleErrors.InvalidArgument(
                Engine, "The argument 'id' must be a non-empty string. Received ''", "ERR_INVALID_ARG_VALUE");
    }
}
