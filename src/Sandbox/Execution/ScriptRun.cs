using System.Text.Json;
using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Errors;
using IsolatedRuntime.Sandbox.EventLoop;
using IsolatedRuntime.Sandbox.Globals;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Modules;
using IsolatedRuntime.Sandbox.RunState;
using IsolatedRuntime.Sandbox.Serialization;
using IsolatedRuntime.Sandbox.Warm;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>
/// The engine side of one run: builds the hardened engine and its globals, loads the entry module, calls the
/// function and drives its event loop turn by turn. Used by one thread at a time (the <see cref="RunSession"/> hands
/// turns out); may throw the engine's limit exceptions, which the session maps.
/// </summary>
internal sealed class ScriptRun(RunContext context, RunHost host, ConsoleLog log, RunBatch? batch = null)
{
    private Engine? _engine;
    private Modules.Runtime.EsModuleLinker? _linker;
    private RunEventLoop? _loop;
    private JsValue[] _arguments = [];
    private ObjectInstance? _objectPrototype;
    private ObjectInstance? _functionPrototype;
    private WarmEngine? _warm;
    private List<(string Name, JsValue Value)>? _warmContext;

    /// <summary>
    /// Builds the engine and everything user code will see, before the run's clock starts. Returns an error when
    /// the request cannot be turned into JavaScript values.
    /// </summary>
    public RunError? Prepare()
    {
        if ((batch is null ? host.Warm.Lend(context, log) : batch.Lend(context, log)) is { } warm)
        {
            _warm = warm;
            _engine = warm.Engine;
            _objectPrototype = warm.ObjectPrototype;
            _functionPrototype = warm.FunctionPrototype;
            _loop = warm.Loop;
            return ConvertInputs(warm.Engine);
        }

        var limits = context.Limits;
        var linker = _linker = ModuleLoader.CreateLinker();

        // The run's budget is checked inline by its clock's constraint rather than through a token and a timer.
        var clock = context.Clock;
        var deadline = clock is null ? context.Deadline : default;
        var engine = new Engine(options =>
        {
            EngineLimits.Apply(options, limits, deadline);
            if (clock is not null)
            {
                options.Constraint(clock.Constraint);
                if (clock.Cpu is { } cpu)
                {
                    options.Constraint(cpu);
                }
            }

            ModuleLoader.EnableEsModules(options, linker);
        });
        EngineLimits.Install(engine);
        _engine = engine;

        // Captured before any user code runs, so redefining globals cannot change what the sandbox relies on.
        _objectPrototype = engine.Intrinsics.Object.Get("prototype") as ObjectInstance;
        _functionPrototype = engine.Intrinsics.Function.Get("prototype") as ObjectInstance;
        _loop = new RunEventLoop(engine);
        _loop.InstallGlobals();
        engine.Advanced.AddLazyGlobal("global", static e => e.Global, PropertyFlag.Writable | PropertyFlag.Configurable);
        ConsoleGlobal.Install(engine, log);
        NodeGlobals.Install(engine, host.Options);
        return ConvertInputs(engine);
    }

    /// <summary>The first turn: loads the entry module, calls the function and runs its event loop while work is due.</summary>
    public TurnResult Begin()
    {
        var engine = _engine!;
        var exports = _warm is { } warm ? warm.LoadEntry(host.Loader, context) : host.Loader.LoadEntry(engine, context, _linker);

        // A warm engine's modules were loaded (and captured) without the run's context: one run's context must not
        // be caught in a module's top-level state and served to the next.
        foreach (var (name, value) in _warmContext ?? [])
        {
            engine.Global.Set(name, value);
        }

        var function = FindFunction(exports);
        if (!function.IsCallable())
        {
            return TurnResult.Faulted(RunErrorMapper.FunctionNotFound(context, function));
        }

        context.CodeLoaded = true;
        var result = engine.Call(function, exports, _arguments);
        _arguments = [];
        return _loop!.TryFollow(result) ? Continue() : Serialize(result);
    }

    /// <summary>Hands a warm engine back after the run completed, so the next run of its key can reuse it.</summary>
    public void Recycle()
    {
        if (_warm is { } warm)
        {
            _warm = null;
            if (batch is null)
            {
                host.Warm.Return(warm);
            }
            else
            {
                batch.Return(warm);
            }
        }
    }

    private RunError? ConvertInputs(Engine engine)
    {
        try
        {
            if (context.Run.Context is JsonObject globals)
            {
                foreach (var (name, value) in globals)
                {
                    var converted = JsonToJs.Convert(engine, value);
                    if (_warm is null)
                    {
                        engine.Global.Set(name, converted);
                    }
                    else
                    {
                        (_warmContext ??= []).Add((name, converted));
                    }
                }
            }

            if (context.Args is { } args)
            {
                _arguments = new JsValue[args.Count];
                for (var i = 0; i < _arguments.Length; i++)
                {
                    _arguments[i] = JsonToJs.Convert(engine, args[i]);
                }
            }
        }
        catch (JsonException e)
        {
            return new RunError(RunErrorKind.InvalidRequest, "InvalidRequestError", $"'args' or 'context' cannot be used: {e.Message}", null);
        }

        return null;
    }

    /// <summary>A later turn: a timer came due, or the previous turn yielded to let others run.</summary>
    public TurnResult Continue()
    {
        var loop = _loop!;
        switch (loop.Pump())
        {
            case LoopStop.Waiting:
                return TurnResult.WaitUntil(loop.WakeTimestamp);
            case LoopStop.Stalled:
                return TurnResult.Faulted(RunErrorMapper.NeverSettles(context));
            case LoopStop.Uncaught:
                // Rethrown with its original trace, which the error mapper reads.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(loop.Uncaught!);
                return default;
            default:
                return loop.Settlement == PromiseSettlement.Fulfilled
                    ? Serialize(loop.SettledValue)
                    : TurnResult.Faulted(RunErrorMapper.FromRejection(loop.SettledValue, context));
        }
    }

    // Looks funcName up as a property, never as source text; builtins inherited from Object or Function do not count.
    private JsValue FindFunction(JsValue exports)
    {
        if (exports is not ObjectInstance module)
        {
            return JsValue.Undefined;
        }

        var name = new JsString(context.Run.FuncName!);
        for (var owner = module; owner is not null; owner = owner.Prototype)
        {
            if (ReferenceEquals(owner, _objectPrototype) || ReferenceEquals(owner, _functionPrototype))
            {
                return JsValue.Undefined;
            }

            if (owner.GetOwnProperty(name) != PropertyDescriptor.Undefined)
            {
                return module.Get(name);
            }
        }

        return JsValue.Undefined;
    }

    private TurnResult Serialize(JsValue value) =>
        TurnResult.Completed(JsToJson.Convert(value, host.Options.MaxResultBytes));
}
