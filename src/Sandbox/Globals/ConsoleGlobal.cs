using IsolatedRuntime.Sandbox.RunState;
using IsolatedRuntime.Sandbox.Serialization;
using Jint;
using Jint.Native;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Globals;

/// <summary>
/// The <c>console</c> global of a run: <c>log</c>, <c>info</c>, <c>warn</c>, <c>error</c>, <c>debug</c> (plus
/// <c>trace</c> and <c>dir</c>, mapped onto them) write formatted lines into the run's <see cref="ConsoleLog"/>.
/// Built only when a script first reads <c>console</c>.
/// </summary>
internal static class ConsoleGlobal
{
    private static readonly (string Method, string Level)[] _methods =
    [
        ("log", "log"), ("info", "info"), ("warn", "warn"), ("error", "error"), ("debug", "debug"),
        ("trace", "debug"), ("dir", "log"),
    ];

    public static void Install(Engine engine, ConsoleLog log) =>
        engine.Advanced.AddLazyGlobal("console", log, static (e, l) => Build(e, () => l));

    /// <summary>
    /// A console that writes to whichever run <paramref name="current"/> names at the time of each call: a warm
    /// engine's console (and any reference a package kept to its methods) serves one run after another.
    /// </summary>
    public static void Install(Engine engine, Func<ConsoleLog> current) =>
        engine.Advanced.AddLazyGlobal("console", current, static (e, c) => Build(e, c));

    private static JsObject Build(Engine engine, Func<ConsoleLog> current)
    {
        var console = new JsObject(engine);
        foreach (var (method, level) in _methods)
        {
            console.FastSetDataProperty(method, new ClrFunction(engine, method, (_, args) =>
            {
                // Past the cap nothing is formatted: a run printing in a loop costs no more than the loop.
                var log = current();
                if (!log.IsFull)
                {
                    log.Add(level, ConsoleFormatter.Format(args, log.Remaining + 1));
                }

                return JsValue.Undefined;
            }));
        }

        return console;
    }
}
