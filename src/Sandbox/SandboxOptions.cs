using IsolatedRuntime.Sandbox.Modules.Builtins;
namespace IsolatedRuntime.Sandbox;

/// <summary>
/// Process-wide settings of a <see cref="JsSandbox"/>: the seed library's constructor options, plus the
/// caps that bound what any single run may ask for.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>Threads and queue of the sandbox pool (seed: <c>poolOptions</c>).</summary>
    public PoolOptions Pool { get; set; } = new();

    /// <summary>
    /// Extensions probed, in order, when a <c>require</c> names a file without one (seed: <c>sourceExtensions</c>).
    /// Written without the dot. <c>.json</c> files are always loadable by their full name.
    /// </summary>
    public string[] SourceExtensions { get; set; } = ["js"];

    /// <summary>
    /// Optional JavaScript module exporting <c>(resolverOptions) =&gt; (name, fromDir) =&gt; path | null</c>
    /// (seed: <c>resolverModulePath</c>). Runs in its own hardened engine, never in the user's.
    /// </summary>
    public string? ResolverModulePath { get; set; }

    /// <summary>
    /// Optional JavaScript module exporting <c>(code, filename) =&gt; code</c> applied to every source before it is
    /// parsed (seed: <c>compilerModulePath</c>). Runs in its own hardened engine, never in the user's.
    /// </summary>
    public string? CompilerModulePath { get; set; }

    /// <summary>Default wall-clock budget of a run, measured from the moment user code starts (seed: <c>timeout</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest budget a run may ask for with <see cref="RunOptions.Timeout"/>.</summary>
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Default memory budget of a run: what it may hold at once, not what it allocates over its life.</summary>
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The largest memory budget a run may ask for with <see cref="RunOptions.MemoryLimitBytes"/>.</summary>
    public long MaxMemoryLimitBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The largest CPU-time budget a run may ask for with <see cref="RunOptions.CpuBudget"/>.</summary>
    public TimeSpan MaxCpuBudget { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most items one batch (<see cref="RunOptions.ArgsBatch"/>) may hold.</summary>
    public int MaxBatchItems { get; set; } = 10_000;

    /// <summary>
    /// The deepest recursion of one function a run may build (<c>RecursionLimit</c>). At about 1.3 KB of native stack
    /// per plain JavaScript frame, 4,000 levels use about 5 MB of the pool's 16 MB threads, leaving room for frames
    /// three times heavier (callbacks, getters) before the stack guard answers instead (see docs/limits.md).
    /// </summary>
    public int MaxRecursionDepth { get; set; } = 4_000;

    /// <summary>Console output kept per run; later output is dropped and one truncation notice is logged.</summary>
    public int MaxLogBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest serialized JSON result a run may return.</summary>
    public int MaxResultBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Largest message, and largest stack, of a run's error (UTF-8 bytes each); longer ones are cut and say how much
    /// was left out. The error's name is cut at 200 characters.
    /// </summary>
    public int MaxErrorBytes { get; set; } = 64 * 1024;

    /// <summary>Largest single source file (or inline source) a run may load.</summary>
    public int MaxSourceBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Pure built-in modules user code may <c>require</c> by bare name (or with the <c>node:</c> prefix). Each must
    /// be one the sandbox implements: <c>path</c>, <c>util</c>, <c>events</c>, <c>assert</c>, <c>buffer</c>,
    /// <c>url</c>, <c>querystring</c>, <c>string_decoder</c>, <c>crypto</c>, <c>stream</c>, <c>timers</c>,
    /// <c>punycode</c>, <c>process</c>… — all of them by default. Host-touching modules (<c>fs</c>,
    /// <c>child_process</c>, <c>net</c>…) are governed by <see cref="HostModules"/>, whatever this says.
    /// </summary>
    public string[] AllowedBuiltinModules { get; set; } = [.. BuiltinModuleCatalog.DefaultAllowed];

    /// <summary>
    /// Whether Node's host modules (<c>fs</c>, <c>vm</c>, <c>os</c>, <c>child_process</c>…) are not found (the
    /// default), load with every host-reaching function denied, or — for <c>fs</c> — read the run's own jail. See
    /// <see cref="HostModulePolicy"/> and docs/compat.md.
    /// </summary>
    public HostModulePolicy HostModules { get; set; } = HostModulePolicy.NotFound;

    /// <summary>
    /// The variables user code sees in <c>process.env</c>. Empty by default: the host's environment is never
    /// exposed; list here only what every run may read (<c>{ ["NODE_ENV"] = "production" }</c>).
    /// </summary>
    public IDictionary<string, string> ProcessEnv { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// How long a cached view of the disk (what a path names, a file's text, a package's manifest) is trusted before
    /// the file system is asked again. Zero reads the disk on every load.
    /// </summary>
    public TimeSpan SourceCacheRevalidateInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Approximate memory the module caches (file texts, compiled sources, parsed scripts) may hold together; the
    /// least recently used entries are dropped beyond it.
    /// </summary>
    public long ModuleCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Warm module reuse: which runs may reuse an engine that already loaded their packages, and how many such
    /// engines are kept. Off for every run unless the run (<see cref="RunOptions.Warm"/>) or its root
    /// (<see cref="WarmOptions.Roots"/>) opts in. See docs/warm.md.
    /// </summary>
    public WarmOptions Warm { get; set; } = new();
}
