using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Globals;

/// <summary>
/// Installs the globals Node code expects beyond the sandbox's console and timers: <c>structuredClone</c>,
/// <c>TextEncoder</c>/<c>TextDecoder</c>, <c>atob</c>/<c>btoa</c>, <c>URL</c>/<c>URLSearchParams</c>, <c>Buffer</c>,
/// a safe <c>process</c>, and <c>Error.captureStackTrace</c>/<c>Error.stackTraceLimit</c>. All are JavaScript run
/// inside the engine, built on first read; a run that names none of them pays for two property definitions.
/// </summary>
internal static class NodeGlobals
{
    /// <summary>Resource name of the vendored <c>buffer</c> package (shared with the <c>buffer</c> built-in).</summary>
    public const string BufferResource = "IsolatedRuntime.Sandbox.Modules.Builtins.buffer.js";

    public static readonly GlobalScript Text = GlobalScript.Factory("text");
    public static readonly GlobalScript Clone = GlobalScript.Factory("structured-clone");
    public static readonly GlobalScript Url = GlobalScript.Factory("url");
    public static readonly GlobalScript Process = GlobalScript.Factory("process");
    public static readonly GlobalScript Errors = GlobalScript.Factory("errors");
    public static readonly GlobalScript Buffer = GlobalScript.CommonJs(BufferResource, "buffer");

    // Non-enumerable, as Node's own Buffer, process, URL…: Object.keys(globalThis) stays what scripts expect.
    private const PropertyFlag _hidden = PropertyFlag.Writable | PropertyFlag.Configurable;

    private static readonly (string Name, GlobalScript Script)[] _lazy =
    [
        ("structuredClone", Clone), ("TextEncoder", Text), ("TextDecoder", Text), ("atob", Text), ("btoa", Text),
        ("URL", Url), ("URLSearchParams", Url), ("Buffer", Buffer), ("process", Process),
    ];

    /// <summary>Installs the globals in a fresh <paramref name="engine"/>, before any user code runs.</summary>
    public static void Install(Engine engine, SandboxOptions options)
    {
        foreach (var (name, script) in _lazy)
        {
            engine.Advanced.AddLazyGlobal(name, (options, name, script),
                static (e, s) => Exports(e, s.options, s.script).Get(s.name), _hidden);
        }

        var error = engine.Intrinsics.Error;
        error.FastSetProperty("stackTraceLimit", new PropertyDescriptor(10, PropertyFlag.ConfigurableEnumerableWritable));
        error.FastSetProperty("captureStackTrace", new PropertyDescriptor(
            new ClrFunction(engine, "captureStackTrace", (_, args) =>
                ((ObjectInstance)Exports(engine, options, Errors).Get("captureStackTrace")).Call(JsValue.Undefined, args)),
            _hidden));
    }

    /// <summary>What <paramref name="script"/> exports in <paramref name="engine"/> (the buffer built-in uses it).</summary>
    public static ObjectInstance Exports(Engine engine, SandboxOptions options, GlobalScript script) =>
        RunGlobals.For(engine, options).Exports(script, script == Process ? ProcessArguments : static _ => []);

    private static JsValue[] ProcessArguments(RunGlobals globals) => [ProcessEnv(globals), globals.Engine.Global.Get("queueMicrotask")];

    private static JsObject ProcessEnv(RunGlobals globals)
    {
        var env = new JsObject(globals.Engine);
        foreach (var (key, value) in globals.Options.ProcessEnv)
        {
            env.FastSetDataProperty(key, value);
        }

        return env;
    }
}
