using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.EventLoop;

/// <summary>
/// Installs <c>setTimeout</c>, <c>setInterval</c>, <c>setImmediate</c> and their <c>clear*</c> counterparts as
/// globals of one run's engine, backed by the run's <see cref="TimerQueue"/>. They are lazy globals: a run that never
/// names them never builds them. Ids are numbers, as in browsers (Node's timer objects are not offered).
/// </summary>
internal static class TimerGlobals
{
    public static void Install(Engine engine, TimerQueue timers)
    {
        var advanced = engine.Advanced;
        advanced.AddLazyGlobal("setTimeout", timers, static (e, t) => Scheduler(e, t, "setTimeout", repeat: false, immediate: false));
        advanced.AddLazyGlobal("setInterval", timers, static (e, t) => Scheduler(e, t, "setInterval", repeat: true, immediate: false));
        advanced.AddLazyGlobal("setImmediate", timers, static (e, t) => Scheduler(e, t, "setImmediate", repeat: false, immediate: true));
        advanced.AddLazyGlobal("clearTimeout", timers, static (e, t) => Clearer(e, t, "clearTimeout"));
        advanced.AddLazyGlobal("clearInterval", timers, static (e, t) => Clearer(e, t, "clearInterval"));
        advanced.AddLazyGlobal("clearImmediate", timers, static (e, t) => Clearer(e, t, "clearImmediate"));
    }

    private static ClrFunction Scheduler(Engine engine, TimerQueue timers, string name, bool repeat, bool immediate) =>
        new(engine, name, (_, args) =>
        {
            var callback = args.At(0);
            if (!callback.IsCallable())
            {
                throw new JavaScriptException(
                    engine.Intrinsics.TypeError,
                    $"The \"callback\" argument of {name} must be of type function.");
            }

            var rest = immediate ? Tail(args, 1) : Tail(args, 2);
            double? delay = immediate ? null : args.Length > 1 ? TypeConverter.ToNumber(args[1]) : 0;
            return timers.Add(callback, rest, delay, repeat);
        });

    private static ClrFunction Clearer(Engine engine, TimerQueue timers, string name) =>
        new(engine, name, (_, args) =>
        {
            if (args.At(0).IsNumber())
            {
                timers.Clear((int)args[0].AsNumber());
            }

            return JsValue.Undefined;
        });

    private static JsValue[] Tail(JsValue[] args, int from) => args.Length <= from ? [] : args[from..];
}
