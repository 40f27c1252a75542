using IsolatedRuntime.Sandbox.Modules;
using IsolatedRuntime.Sandbox.Pool;
using IsolatedRuntime.Sandbox.Warm;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>What every run borrows from its <see cref="JsSandbox"/>: settings, module loader, pool and log.</summary>
internal sealed class RunHost(SandboxOptions options, ModuleLoader loader, SandboxThreadPool pool, ILogger logger)
{
    public SandboxOptions Options { get; } = options;

    public ModuleLoader Loader { get; } = loader;

    public SandboxThreadPool Pool { get; } = pool;

    public ILogger Logger { get; } = logger;

    public ActiveRuns ActiveRuns { get; } = new();

    /// <summary>Idle engines that kept their loaded modules, for runs that opt into warm reuse.</summary>
    public WarmEngineStore Warm { get; } = new(options, logger);

    /// <summary>Hands finished runs' outcomes to their callers in batches, off the sandbox threads.</summary>
    public OutcomeQueue Outcomes { get; } = new();
}
