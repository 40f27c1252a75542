using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Modules.Builtins;
using IsolatedRuntime.Sandbox.Modules.Compilation;
using IsolatedRuntime.Sandbox.Modules.Esm;
using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Operators;
using IsolatedRuntime.Sandbox.Modules.Resolution;
using IsolatedRuntime.Sandbox.Modules.Runtime;
using IsolatedRuntime.Sandbox.RunState;
using Jint;
using Jint.Native;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IsolatedRuntime.Sandbox.Modules;

/// <summary>
/// The CommonJS module system of a sandbox: resolves <c>require</c> inside the run's jail, loads and caches sources
/// and prepared scripts across runs, and evaluates modules in the run's engine with a fresh module cache per run.
/// One instance per <see cref="JsSandbox"/>; thread-safe. See docs/modules.md.
/// </summary>
internal sealed class ModuleLoader
{
    private readonly ModuleServices _services;
    private readonly ModuleRequestValidator _validator;
    private readonly IModuleResolverHook? _resolver;
    private readonly ISourceCompilerHook? _compiler;

    /// <summary>Builds the module system from the sandbox's options and the operator's .NET hooks.</summary>
    /// <exception cref="ArgumentException">A module setting is unusable; the message names it.</exception>
    public ModuleLoader(SandboxOptions options, IModuleResolver? resolver, ISourceCompiler? compiler, ILogger? logger = null)
    {
        var extensions = SourceExtensions(options.SourceExtensions);
        var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.ModuleCacheBytes });
        var host = new HostFileSystem(cache, options.SourceCacheRevalidateInterval);
        _services = new ModuleServices
        {
            Host = host,
            Code = new ModuleCodeCache(cache),
            Finder = new ModuleFileFinder(
                extensions,
                new PackageManifestReader(cache, host, options.SourceCacheRevalidateInterval, options.MaxSourceBytes)),
            Builtins = new BuiltinModuleCatalog(options.AllowedBuiltinModules ?? [], options.HostModules),
            MaxSourceBytes = options.MaxSourceBytes,
            Logger = logger ?? NullLogger.Instance,
        };
        _validator = new ModuleRequestValidator(host, options.MaxSourceBytes);
        _resolver = Choose<IModuleResolver, IModuleResolverHook>(
            nameof(SandboxOptions.ResolverModulePath),
            options.ResolverModulePath,
            resolver,
            script => new ScriptModuleResolverHook(script),
            clr => new ClrModuleResolverHook(clr));
        _compiler = Choose<ISourceCompiler, ISourceCompilerHook>(
            nameof(SandboxOptions.CompilerModulePath),
            options.CompilerModulePath,
            compiler,
            script => new ScriptSourceCompilerHook(script),
            clr => new ClrSourceCompilerHook(clr));
    }

    /// <summary>
    /// Checks the module inputs of a run (root exists, entry inside it, whitelist and external sane) before any
    /// engine is built. Returns the message of an <see cref="RunErrorKind.InvalidRequest"/>, or null when the run
    /// may proceed.
    /// </summary>
    public string? Validate(RunOptions run) => _validator.Validate(run);

    /// <summary>
    /// A new engine's ES module loader, to be given to <see cref="EnableEsModules"/> when the engine is built (Jint
    /// takes it only then) and passed to <see cref="LoadEntry"/>. One per engine.
    /// </summary>
    public static EsModuleLinker CreateLinker() => new();

    /// <summary>
    /// Makes an engine being built load ES modules through <paramref name="linker"/>, with <c>import.meta</c> in virtual
    /// paths (<see cref="EsModuleHost"/>).
    /// </summary>
    public static void EnableEsModules(Options options, EsModuleLinker linker)
    {
        options.Modules.ModuleLoader = linker;
        options.UseHostFactory(static _ => new EsModuleHost());
    }

    /// <summary>
    /// Evaluates the run's entry module in <paramref name="engine"/> and returns its <c>module.exports</c> (the
    /// namespace of an ES module). Loader failures are thrown as JavaScript errors tagged in
    /// <see cref="RunContext.FaultTags"/> (<c>ModuleNotFound</c>, <c>SyntaxError</c>, <c>InvalidRequest</c> for an
    /// over-size source, <c>FunctionNotFound</c> for an ES module without the export).
    /// </summary>
    /// <param name="engine">The run's engine.</param>
    /// <param name="context">The run.</param>
    /// <param name="linker">The engine's ES module loader (<see cref="CreateLinker"/>); without one, ES modules cannot load.</param>
    public JsValue LoadEntry(Engine engine, RunContext context, EsModuleLinker? linker = null) =>
        OpenModules(engine, context, linker).LoadEntry(context.Run.File ?? "");

    /// <summary>
    /// The module system of <paramref name="engine"/> for the run's jail, before anything is loaded. A warm engine
    /// keeps it across runs (<see cref="RunModules.Rebind"/>); a cold run uses it once through <see cref="LoadEntry"/>.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="context">The run.</param>
    /// <param name="linker">The engine's ES module loader, or null.</param>
    public RunModules OpenModules(Engine engine, RunContext context, EsModuleLinker? linker = null)
    {
        var run = context.Run;
        var files = ModuleFileSystem.ForRun(run, _services.Host, _services.MaxSourceBytes)
            ?? throw new ModuleErrors(engine, context.FaultTags).NotFound(run.File ?? "");
        var scope = new ModuleScope(files, new ExternalPolicy(run.External), _resolver, _compiler);
        return new RunModules(engine, context, scope, _services, linker);
    }

    private THook? Choose<TClr, THook>(
        string setting,
        string? scriptPath,
        TClr? clr,
        Func<OperatorScript, THook> fromScript,
        Func<TClr, THook> fromClr)
        where TClr : class
        where THook : class
    {
        if (scriptPath is not null && clr is not null)
        {
            throw new ArgumentException(
                $"SandboxOptions.{setting} and a .NET {typeof(TClr).Name} are both configured; keep one of them.",
                setting);
        }

        if (scriptPath is null)
        {
            return clr is null ? null : fromClr(clr);
        }

        return File.Exists(scriptPath)
            ? fromScript(new OperatorScript(scriptPath, _services))
            : throw new ArgumentException(
                $"SandboxOptions.{setting} names no existing file; give the full path of a JavaScript module, e.g. /srv/hooks/{(setting.Contains("Resolver", StringComparison.Ordinal) ? "resolver" : "compiler")}.js.",
                setting);
    }

    private static string[] SourceExtensions(string[]? configured)
    {
        var extensions = (configured ?? []).Select(e => (e ?? "").Trim().TrimStart('.')).ToArray();
        if (extensions.Length == 0 || extensions.Any(e => e.Length == 0 || e.Contains('/', StringComparison.Ordinal)))
        {
            throw new ArgumentException(
                "SandboxOptions.SourceExtensions must list at least one extension, without dots or slashes, e.g. [\"js\"] or [\"jx\", \"js\"].",
                nameof(configured));
        }

        return extensions;
    }
}
