using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Execution;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Modules;

/// <summary>
/// The CommonJS module system of a sandbox: resolves <c>require</c> inside the run's jail, loads and caches sources
/// and prepared scripts across runs, and evaluates modules in the run's engine with a fresh module cache per run.
/// One instance per <see cref="JsSandbox"/>; thread-safe.
/// </summary>
internal sealed class ModuleLoader
{
    // Owner: Modules room. This first version supports relative requires under Root or Sources only, so that the
    // rest of the sandbox can be built against the seam; it is replaced by the full loader.
    private const string WrapperHead = "(function (exports, require, module, __filename, __dirname) {";
    private const string WrapperTail = "\n})";

    private readonly SandboxOptions _options;

    public ModuleLoader(SandboxOptions options, IModuleResolver? resolver, ISourceCompiler? compiler)
    {
        _options = options;
        _ = resolver;
        _ = compiler;
    }

    /// <summary>
    /// Checks the module inputs of a run (root exists, entry named, whitelist sane) before any engine is built.
    /// Returns the message of an <see cref="RunErrorKind.InvalidRequest"/>, or null when the run may proceed.
    /// </summary>
    public string? Validate(RunOptions run)
    {
        if (run.Root is null && run.Sources is null)
        {
            return "Give either 'root' (a code folder) or 'sources' (inline files).";
        }

        return run.Root is not null && !Directory.Exists(run.Root) ? "The root folder does not exist." : null;
    }

    /// <summary>
    /// Installs <c>require</c> for this run in <paramref name="engine"/>, evaluates the entry module and returns
    /// its <c>module.exports</c>. Loader failures are thrown as JavaScript errors tagged in
    /// <see cref="RunContext.FaultTags"/> (<c>ModuleNotFound</c>, <c>SyntaxError</c>).
    /// </summary>
    public JsValue LoadEntry(Engine engine, RunContext context)
    {
        var cache = new Dictionary<string, ObjectInstance>(StringComparer.Ordinal);
        return Require(engine, context, cache, NormalizeRelative(context.Run.File!), "");
    }

    private JsValue Require(Engine engine, RunContext context, Dictionary<string, ObjectInstance> cache, string id, string from)
    {
        if (cache.TryGetValue(id, out var cached))
        {
            return cached.Get("exports");
        }

        var (source, resolved) = ReadSource(context.Run, id);
        if (source is null)
        {
            throw NotFound(engine, context, from);
        }

        id = resolved;
        var module = engine.Intrinsics.Object.Construct(Arguments.Empty);
        var exports = engine.Intrinsics.Object.Construct(Arguments.Empty);
        module.Set("exports", exports);
        cache[id] = module;

        var dir = Path.GetDirectoryName(id)?.Replace('\\', '/') ?? "";
        var require = new ClrFunction(engine, "require", (_, args) =>
        {
            var request = TypeConverter.ToString(args.At(0));
            var target = NormalizeRelative(Path.Combine(dir, request));
            return Require(engine, context, cache, target, request);
        });

        var wrapper = (Function)engine.Evaluate(WrapperHead + source + WrapperTail, id);
        engine.Call(wrapper, exports, [exports, require, module, id, dir]);
        return module.Get("exports");
    }

    private (string? Source, string Id) ReadSource(RunOptions run, string id)
    {
        if (run.Sources is not null)
        {
            return (run.Sources.TryGetValue(id, out var inline) ? inline : null, id);
        }

        foreach (var candidate in new[] { id }.Concat(_options.SourceExtensions.Select(e => id + "." + e)))
        {
            var path = Path.GetFullPath(Path.Combine(run.Root!, candidate));
            if (File.Exists(path))
            {
                return (File.ReadAllText(path), candidate);
            }
        }

        return (null, id);
    }

    private static JavaScriptException NotFound(Engine engine, RunContext context, string request)
    {
        var error = engine.Intrinsics.Error.Construct($"Cannot find module '{request}'");
        context.FaultTags.Tag(error, RunErrorKind.ModuleNotFound);
        return new JavaScriptException(error);
    }

    private static string NormalizeRelative(string path) =>
        Path.GetRelativePath("/", Path.GetFullPath(Path.Combine("/", path))).Replace('\\', '/');
}
