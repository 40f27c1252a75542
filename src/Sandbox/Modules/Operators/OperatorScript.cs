using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Resolution;
using IsolatedRuntime.Sandbox.Modules.Runtime;
using IsolatedRuntime.Sandbox.RunState;
using Jint;

namespace IsolatedRuntime.Sandbox.Modules.Operators;

/// <summary>
/// A JavaScript module the operator configured (<see cref="SandboxOptions.ResolverModulePath"/>,
/// <see cref="SandboxOptions.CompilerModulePath"/>). It never runs in a user's engine: each use gets a new,
/// hardened engine under the budget of the run that needs it. It may require files of its own folder and the
/// allowed built-ins; its source is parsed once and cached like any module.
/// </summary>
internal sealed class OperatorScript
{
    private readonly string _directory;
    private readonly string _fileName;
    private readonly ModuleServices _services;

    public OperatorScript(string path, ModuleServices services)
    {
        var full = Path.GetFullPath(path);
        _directory = Path.GetDirectoryName(full)!;
        _fileName = Path.GetFileName(full);
        _services = services;
    }

    /// <summary>Loads the module into a new engine under <paramref name="run"/>'s limits and deadline.</summary>
    /// <exception cref="OperatorFailureException">The module is missing, does not parse, or throws while loading.</exception>
    public OperatorModule Load(RunContext run)
    {
        var engine = new Engine(EngineLimits.Apply(new Options(), run.Limits, run.Deadline));
        EngineLimits.Install(engine);
        var context = new RunContext
        {
            Run = new RunOptions { Root = _directory, File = _fileName },
            Limits = run.Limits,
            Deadline = run.Deadline,
        };
        var files = ModuleFileSystem.ForDirectory(_directory, _services.Host);
        var modules = new RunModules(engine, context, new ModuleScope(files, ExternalPolicy.None, null, null), _services);
        return new OperatorModule(engine, OperatorModule.Guard(() => modules.LoadEntry(_fileName)));
    }
}
