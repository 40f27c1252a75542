namespace IsolatedRuntime.Sandbox;

/// <summary>
/// What <c>require('fs')</c>, <c>require('vm')</c> and Node's other host modules give user code
/// (<see cref="SandboxOptions.HostModules"/>). Many packages require one at load time and never use it (a template
/// engine's file loader, a JSONPath library's optional <c>vm</c> evaluator); this decides whether they can load.
/// </summary>
public enum HostModulePolicy
{
    /// <summary>Host modules are not found (<c>Cannot find module 'fs'</c>), as in the seed library. The default.</summary>
    NotFound,

    /// <summary>
    /// Host modules load, with Node's names, and every function that would reach the host throws an <c>Error</c> with
    /// <c>code: 'ERR_SANDBOX_UNAVAILABLE'</c> saying what was denied. Pure parts work (<c>os.EOL</c>,
    /// <c>fs.constants</c>, <c>perf_hooks.performance</c>).
    /// </summary>
    Denied,

    /// <summary>
    /// As <see cref="Denied"/>, and <c>fs</c> (and <c>fs/promises</c>) can read: <c>readFileSync</c>,
    /// <c>existsSync</c>, <c>statSync</c>, <c>readdirSync</c>, <c>realpathSync</c>, <c>accessSync</c> and their callback
    /// and promise forms see the run's own jail — its root at <c>/</c> and its whitelisted folders — by the same virtual
    /// paths as <c>require</c>, with every link followed and nothing outside. Writes fail with <c>EROFS</c>.
    /// </summary>
    ReadOnlyFileSystem,
}
