using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Globals;

/// <summary>
/// Installs the globals Node code expects beyond the sandbox's console and timers: <c>structuredClone</c>,
/// <c>TextEncoder</c>/<c>TextDecoder</c>, <c>atob</c>/<c>btoa</c>, <c>URL</c>/<c>URLSearchParams</c>, <c>Buffer</c>,
/// a safe <c>process</c>, the Web platform's <c>Event</c>/<c>EventTarget</c>, <c>AbortController</c>/<c>AbortSignal</c>,
/// <c>DOMException</c>, <c>performance</c> and <c>crypto</c>, and <c>Error.captureStackTrace</c>/<c>Error.stackTraceLimit</c>. All are JavaScript run
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
    public static readonly GlobalScript Web = GlobalScript.Factory("web");

    // Non-enumerable, as Node's own Buffer, process, URL…: Object.keys(globalThis) stays what scripts expect.
    private const PropertyFlag _hidden = PropertyFlag.Writable | PropertyFlag.Configurable;

    private static readonly (string Name, GlobalScript Script)[] _lazy =
    [
        ("structuredClone", Clone), ("TextEncoder", Text), ("TextDecoder", Text), ("atob", Text), ("btoa", Text),
        ("URL", Url), ("URLSearchParams", Url), ("Buffer", Buffer), ("process", Process),
        ("DOMException", Web), ("Event", Web), ("CustomEvent", Web), ("EventTarget", Web), ("AbortController", Web),
        ("AbortSignal", Web), ("performance", Web), ("crypto", Web),
    ];

    /// <summary>Installs the globals in a fresh <paramref name="engine"/>, before any user code runs.</summary>
    public static void Install(Engine engine, SandboxOptions options)
    {
        foreach (var (name, script) in _lazy)
        {
            engine.Advanced.AddLazyGlobal(name, (options, name, script),
                static (e, s) => Exports(e, s.script, s.options).Get(s.name), _hidden);
        }

        var error = engine.Intrinsics.Error;
        error.FastSetProperty("stackTraceLimit", new PropertyDescriptor(10, PropertyFlag.ConfigurableEnumerableWritable));
        error.FastSetProperty("captureStackTrace", PropertyDescriptor.CreateLazy(engine, static e => CaptureStackTrace(e), _hidden));
    }

    // Built on first read, like the globals: most runs never name it.
    private static ClrFunction CaptureStackTrace(Engine engine) =>
        new(engine, "captureStackTrace", (_, args) =>
            ((ObjectInstance)Exports(engine, Errors).Get("captureStackTrace")).Call(JsValue.Undefined, args));

    /// <summary>
    /// What <paramref name="script"/> exports in <paramref name="engine"/>, built once per engine (the built-in
    /// modules <c>buffer</c>, <c>url</c> and <c>util</c> share the globals' classes through it).
    /// </summary>
    public static ObjectInstance Exports(Engine engine, GlobalScript script, SandboxOptions? options = null) =>
        script == Process
            ? RunGlobals.For(engine).Exports(script, options ?? new SandboxOptions(), static (e, o) => [ProcessEnv(e, o), e.Global.Get("queueMicrotask")])
            : script == Web
                ? RunGlobals.For(engine).Exports(script, 0, static (e, _) => [HostCrypto.Create(e)])
                : RunGlobals.For(engine).Exports(script, 0, static (_, _) => []);

    private static JsObject ProcessEnv(Engine engine, SandboxOptions options)
    {
        var env = new JsObject(engine);
        foreach (var (key, value) in options.ProcessEnv)
        {
            env.FastSetDataProperty(key, value);
        }

        return env;
    }
}
