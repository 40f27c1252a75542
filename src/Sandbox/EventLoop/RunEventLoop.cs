using System.Diagnostics;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.EventLoop;

/// <summary>
/// The event loop of one run, as Node runs it: after the function returns a promise, microtasks drain, then due
/// timers fire one at a time, each followed by a microtask drain. When nothing is due the loop stops and reports when
/// it next has work, so the run can give its thread back and be continued later. Engine-thread only.
/// </summary>
internal sealed class RunEventLoop
{
    // A busy loop (setImmediate chains, many due timers) yields its thread after this long so others get a turn.
    private static readonly long _sliceTicks = Stopwatch.Frequency / 50;

    private readonly Engine _engine;
    private readonly JsValue _promiseConstructor;
    private readonly JsValue _then;
    private readonly JsValue _resolve;
    private JsValue? _resolvedPromise;

    /// <summary>Captures the promise intrinsics of <paramref name="engine"/>; call before any user code runs.</summary>
    public RunEventLoop(Engine engine)
    {
        _engine = engine;
        _promiseConstructor = engine.Global.Get("Promise");
        _then = _promiseConstructor.Get("prototype").Get("then");
        _resolve = _promiseConstructor.Get("resolve");
    }

    public TimerQueue Timers { get; } = new();

    public PromiseSettlement Settlement { get; private set; }

    /// <summary>The fulfillment value or rejection reason once <see cref="Settlement"/> is not pending.</summary>
    public JsValue SettledValue { get; private set; } = JsValue.Undefined;

    /// <summary>The first error thrown by a timer callback or microtask that nothing caught.</summary>
    public JavaScriptException? Uncaught { get; private set; }

    public long WakeTimestamp { get; private set; }

    /// <summary>Adds the timer functions and <c>queueMicrotask</c> to the engine's globals.</summary>
    public void InstallGlobals()
    {
        TimerGlobals.Install(_engine, Timers);
        _engine.Advanced.AddLazyGlobal("queueMicrotask", this, static (e, loop) => loop.MicrotaskFunction(e));
    }

    /// <summary>
    /// Forgets the finished run: its settlement, its uncaught error and every timer it left. A warm engine keeps one
    /// loop (its timer and microtask globals are bound to it) and resets it between runs, so no timer of one run
    /// fires in the next.
    /// </summary>
    public void Reset()
    {
        Settlement = PromiseSettlement.Pending;
        SettledValue = JsValue.Undefined;
        Uncaught = null;
        WakeTimestamp = 0;
        _resolvedPromise = null;
        Timers.ClearAll();
    }

    /// <summary>
    /// Starts following <paramref name="value"/> if it is a promise or thenable, as <c>await</c> would.
    /// Returns false for any other value, which is the result as it stands.
    /// </summary>
    public bool TryFollow(JsValue value)
    {
        if (!value.IsObject())
        {
            return false;
        }

        JsValue promise;
        if (value.IsPromise())
        {
            promise = value;
        }
        else if (value.AsObject().Get("then").IsCallable())
        {
            promise = _engine.Call(_resolve, _promiseConstructor, [value]);
        }
        else
        {
            return false;
        }

        var onFulfilled = new ClrFunction(_engine, "", (_, args) => Settle(PromiseSettlement.Fulfilled, args.At(0)));
        var onRejected = new ClrFunction(_engine, "", (_, args) => Settle(PromiseSettlement.Rejected, args.At(0)));
        _engine.Call(_then, promise, [onFulfilled, onRejected]);
        return true;
    }

    /// <summary>Runs jobs and due timers until the promise settles, an error escapes, or nothing is due.</summary>
    public LoopStop Pump()
    {
        var sliceEnd = Stopwatch.GetTimestamp() + _sliceTicks;
        while (true)
        {
            _engine.Advanced.ProcessTasks();
            if (Uncaught is not null)
            {
                return LoopStop.Uncaught;
            }

            if (Settlement != PromiseSettlement.Pending)
            {
                return LoopStop.Settled;
            }

            var now = Stopwatch.GetTimestamp();
            if (now > sliceEnd)
            {
                WakeTimestamp = now;
                return LoopStop.Waiting;
            }

            if (!Timers.TryTakeDue(now, out var timer))
            {
                if (Timers.NextDue() is not { } next)
                {
                    return LoopStop.Stalled;
                }

                WakeTimestamp = next;
                return LoopStop.Waiting;
            }

            Invoke(timer.Callback, timer.Arguments);
        }
    }

    private JsValue Settle(PromiseSettlement settlement, JsValue value)
    {
        if (Settlement == PromiseSettlement.Pending)
        {
            Settlement = settlement;
            SettledValue = value;
        }

        return JsValue.Undefined;
    }

    private void Invoke(JsValue callback, JsValue[] arguments)
    {
        try
        {
            _engine.Call(callback, JsValue.Undefined, arguments);
        }
        catch (JavaScriptException uncaught)
        {
            Uncaught ??= uncaught;
        }
    }

    private ClrFunction MicrotaskFunction(Engine engine) => new(engine, "queueMicrotask", (_, args) =>
    {
        var callback = args.At(0);
        if (!callback.IsCallable())
        {
            throw new JavaScriptException(
                engine.Intrinsics.TypeError,
                "The \"callback\" argument of queueMicrotask must be of type function.");
        }

        _resolvedPromise ??= engine.Call(_resolve, _promiseConstructor, [JsValue.Undefined]);
        var job = new ClrFunction(engine, "", (_, _) =>
        {
            Invoke(callback, []);
            return JsValue.Undefined;
        });
        engine.Call(_then, _resolvedPromise, [job]);
        return JsValue.Undefined;
    }, 1, PropertyFlag.Configurable);
}
