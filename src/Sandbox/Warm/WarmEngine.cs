using IsolatedRuntime.Sandbox.EventLoop;
using IsolatedRuntime.Sandbox.Globals;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Modules;
using IsolatedRuntime.Sandbox.Modules.Runtime;
using IsolatedRuntime.Sandbox.RunState;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// An engine that keeps its loaded module graph from one run to the next run of the same <see cref="WarmKey"/>.
/// Lent to one run at a time. What each run gets fresh: the deadline, the memory budget's baseline, the console
/// log, the timers and the event loop's state, the context globals and arguments. What no run can change: every
/// object reachable from the globals and the intrinsics, and the built-in modules' exports, frozen once the entry
/// module is loaded (<see cref="Lockdown"/>). What is put back after each run: the global object (Jint's
/// <see cref="GlobalSnapshot"/>, which also drops queued promise jobs), <c>process.env</c>, and the primitives a run
/// may change for itself (<c>Error.stackTraceLimit</c>). What is shared: the modules and everything they hold.
/// </summary>
internal sealed class WarmEngine
{
    private readonly OperationDeadlineConstraint _deadline = new();
    private readonly CpuBudgetConstraint? _cpu;
    private readonly EsModuleLinker _linker;
    private readonly MemoryBudget? _budget;
    private readonly SandboxOptions _options;
    private ObjectInstance[]? _hiddenIntrinsics;

    // The global names the engine has before any module loads: the built-ins and the sandbox's globals.
    private readonly HashSet<string> _providedGlobals;
    private RunModules? _modules;
    private JsValue _exports = JsValue.Undefined;
    private GlobalSnapshot? _globals;
    private Lockdown? _lockdown;
    private ConsoleLog? _log;
    private long _allocatedSinceLoad;
    private bool _runIsWarm;

    public WarmEngine(WarmKey key, SandboxOptions options)
    {
        Key = key;
        _options = options;

        // The deadline is armed per run (OperationDeadlineConstraint.Begin), not fixed when the engine is built.
        var linker = _linker = ModuleLoader.CreateLinker();
        var cpu = _cpu = key.Limits.CpuBudget is null ? null : new CpuBudgetConstraint();
        Engine = new Engine(o =>
        {
            EngineLimits.Apply(o, key.Limits, CancellationToken.None).Constraint(_deadline);
            if (cpu is not null)
            {
                o.Constraint(cpu);
            }

            ModuleLoader.EnableEsModules(o, linker);
        });
        EngineLimits.Install(Engine);
        _budget = Engine.Constraints.Find<MemoryBudget>();
        ObjectPrototype = (ObjectInstance)Engine.Intrinsics.Object.Get("prototype");
        FunctionPrototype = (ObjectInstance)Engine.Intrinsics.Function.Get("prototype");
        Loop = new RunEventLoop(Engine);
        Loop.InstallGlobals();
        Engine.Advanced.AddLazyGlobal("global", static e => e.Global, PropertyFlag.Writable | PropertyFlag.Configurable);
        ConsoleGlobal.Install(Engine, () => _log ?? throw new InvalidOperationException("A warm engine's console was used outside a run."));
        NodeGlobals.Install(Engine, options);
        _hiddenIntrinsics = HiddenIntrinsics.Find(Engine);
        _providedGlobals = [.. Engine.Global.GetOwnPropertyKeys().Select(k => k.ToString())];
    }

    public WarmKey Key { get; }

    public Engine Engine { get; }

    public RunEventLoop Loop { get; }

    /// <summary>Captured before any user code ran, as a cold engine's run captures them.</summary>
    public ObjectInstance ObjectPrototype { get; }

    /// <inheritdoc cref="ObjectPrototype"/>
    public ObjectInstance FunctionPrototype { get; }

    /// <summary>True once the entry module is loaded and the engine captured: the next run is warm.</summary>
    public bool IsLoaded => _globals is not null;

    /// <summary>When the engine was last handed back (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long IdleSince { get; set; }

    /// <summary>Lends the engine to <paramref name="context"/>'s run: its deadline, budget, log and fault tags.</summary>
    public void BeginRun(RunContext context, ConsoleLog log)
    {
        _log = log;
        _runIsWarm = IsLoaded;
        if (context.Clock is { } clock)
        {
            // Armed with the run's budget when its clock starts, as a cold engine's is: no token or timer per run.
            clock.CheckOn(_deadline, _cpu);
        }
        else
        {
            _deadline.Begin(Timeout.InfiniteTimeSpan, context.Deadline);
        }

        _budget?.Restart();
        _modules?.Rebind(context);
    }

    /// <summary>
    /// The entry module's exports: loaded on the first run (whose budget it is charged to), then captured, so that
    /// what the packages' top-level code left in the globals becomes the state every later run starts from.
    /// </summary>
    public JsValue LoadEntry(ModuleLoader loader, RunContext context)
    {
        if (_modules is not null)
        {
            return _exports;
        }

        var modules = loader.OpenModules(Engine, context, _linker);
        _exports = modules.LoadEntry(context.Run.File ?? "");
        _modules = modules;
        if (modules.EntryIsEsModule)
        {
            // An ES module entry's exports may be bound to the loading run (a top-level await settles in its event
            // loop): it runs as loaded, and the engine is not kept.
            return _exports;
        }

        // Locking reads every global, which builds the lazy ones: restoring can then never bring back a lazy global
        // whose factory would hand out an object an earlier run changed.
        _lockdown = Lock(modules);
        _hiddenIntrinsics = null;
        _globals = _lockdown is null ? null : Engine.Advanced.CaptureGlobalSnapshot();
        return _exports;
    }

    // Called once, after the entry module's top-level code ran (the same for every run of the key, and blind to any
    // run's arguments and context) and before any function is called. Null when the engine cannot be locked.
    private Lockdown? Lock(RunModules modules)
    {
        // Sandbox scripts built from now on (a built-in module a later run requires) bind the engine's own
        // built-ins, whatever a run did to the global names.
        RunGlobals.For(Engine).FixBindings();

        // Node code saves and restores this around reading a stack; with Error locked it must already exist.
        var error = Engine.Intrinsics.Error;
        if (error.GetOwnProperty("prepareStackTrace") == PropertyDescriptor.Undefined)
        {
            error.FastSetProperty("prepareStackTrace", new PropertyDescriptor(JsValue.Undefined, PropertyFlag.Writable | PropertyFlag.Configurable));
        }

        var process = NodeGlobals.Exports(Engine, NodeGlobals.Process, _options).Get("process");
        var env = process is ObjectInstance p && p.Get("env") is ObjectInstance e ? [e] : Array.Empty<ObjectInstance>();
        var lockdown = new Lockdown(Engine, env);
        var provided = _providedGlobals;
        var locked = lockdown.LockGlobals(provided.Contains, packageState: false)
            && lockdown.Lock(_hiddenIntrinsics ?? [], "%intrinsic%")
            && modules.LoadedBuiltins.All(b => lockdown.Lock(b.Value, $"require('{b.Key}')"))
            && lockdown.LockGlobals(name => !provided.Contains(name), packageState: true);
        if (!locked)
        {
            RefusedReason = lockdown.Refusal;
            return null;
        }

        modules.BuiltinLoaded = (name, exports) =>
        {
            if (!lockdown.Lock(exports, $"require('{name}')"))
            {
                RefusedReason = lockdown.Refusal;
            }
        };
        return lockdown;
    }

    /// <summary>Why the engine cannot be kept warm (something reachable from its globals cannot be locked), or null.</summary>
    public string? RefusedReason { get; private set; }

    /// <summary>
    /// Ends a run that completed: undoes its traces so the engine can serve the next run. Returns why the engine must
    /// be dropped instead, or null when it is kept: not loaded (an ES module entry), something reachable from its
    /// globals that cannot be locked, a change that cannot be undone, or more than one memory budget allocated by the
    /// runs after the one that loaded it (a bound on what module-level state can accumulate).
    /// </summary>
    public string? EndRun()
    {
        _deadline.End();
        _cpu?.End();
        _log = null;
        if (RefusedReason is not null)
        {
            return RefusedReason;
        }

        if (_globals is null || _lockdown is null)
        {
            return "its entry module is not kept (an ES module entry, or it failed to load)";
        }

        if (_budget is not null && _runIsWarm)
        {
            _allocatedSinceLoad += _budget.AllocatedBytes;
            if (_allocatedSinceLoad > _budget.LimitBytes)
            {
                return "its warm runs together allocated more than one memory budget";
            }
        }

        try
        {
            Engine.Advanced.RestoreGlobalSnapshot(_globals);
        }
        catch (InvalidOperationException)
        {
            return "its global object could not be restored";
        }

        if (!_lockdown.TryRestore())
        {
            return "process.env could not be restored";
        }

        Loop.Reset();
        return null;
    }
}
