using System.Text.Json;
using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Errors;
using IsolatedRuntime.Sandbox.EventLoop;
using IsolatedRuntime.Sandbox.Globals;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Modules;
using IsolatedRuntime.Sandbox.Serialization;
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
internal sealed class ScriptRun(RunContext context, RunHost host, ConsoleLog log)
{
    private Engine? _engine;
    private Modules.Esm.EsModuleLinker? _linker;
    private RunEventLoop? _loop;
    private JsValue[] _arguments = [];
    private ObjectInstance? _objectPrototype;
    private ObjectInstance? _functionPrototype;

    /// <summary>
    /// Builds the engine and everything user code will see, before the run's clock starts. Returns an error when
    /// the request cannot be turned into JavaScript values.
    /// </summary>
    public RunError? Prepare()
    {
        var limits = context.Limits;
        var deadline = context.Deadline;
        var linker = _linker = ModuleLoader.CreateLinker();
        var engine = new Engine(options =>
        {
            EngineLimits.Apply(options, limits, deadline);
            ModuleLoader.EnableEsModules(options, linker);
        });
        EngineLimits.Install(engine);
        _engine = engine;

        // Captured before any user code runs, so redefining globals cannot change what the sandbox relies on.
        var global = engine.Global;
        _objectPrototype = engine.Intrinsics.Object.Get("prototype") as ObjectInstance;
        _functionPrototype = engine.Intrinsics.Function.Get("prototype") as ObjectInstance;
        _loop = new RunEventLoop(engine);
        _loop.InstallGlobals();
        engine.Advanced.AddLazyGlobal("global", static e => e.Global, PropertyFlag.Writable | PropertyFlag.Configurable);
        ConsoleGlobal.Install(engine, log);
        NodeGlobals.Install(engine, host.Options);

        try
        {
            if (context.Run.Context is JsonObject globals)
            {
                foreach (var (name, value) in globals)
                {
                    global.Set(name, JsonToJs.Convert(engine, value));
                }
            }

            if (context.Run.Args is JsonArray args)
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

    /// <summary>The first turn: loads the entry module, calls the function and runs its event loop while work is due.</summary>
    public TurnResult Begin()
    {
        var engine = _engine!;
        var exports = host.Loader.LoadEntry(engine, context, _linker);
        var function = FindFunction(exports);
        if (!function.IsCallable())
        {
            return TurnResult.Faulted(RunErrorMapper.FunctionNotFound(context, function));
        }

        var result = engine.Call(function, exports, _arguments);
        _arguments = [];
        return _loop!.TryFollow(result) ? Continue() : Serialize(result);
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
                throw loop.Uncaught!;
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
