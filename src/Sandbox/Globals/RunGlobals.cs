using System.Runtime.CompilerServices;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace IsolatedRuntime.Sandbox.Globals;

/// <summary>
/// The Node-like globals one engine has built so far. Each script runs at most once per engine, on the first read
/// of a global it defines, so the global <c>Buffer</c> and <c>require('buffer').Buffer</c> are the same function.
/// </summary>
internal sealed class RunGlobals
{
    private static readonly ConditionalWeakTable<Engine, RunGlobals> _byEngine = [];

    private readonly Dictionary<GlobalScript, ObjectInstance> _built = [];

    private RunGlobals(Engine engine, SandboxOptions options)
    {
        Engine = engine;
        Options = options;
    }

    public Engine Engine { get; }

    public SandboxOptions Options { get; }

    /// <summary>The globals of <paramref name="engine"/>, created on first use.</summary>
    public static RunGlobals For(Engine engine, SandboxOptions options) =>
        _byEngine.GetValue(engine, e => new RunGlobals(e, options));

    /// <summary>The globals of <paramref name="engine"/>, or null when none was ever installed.</summary>
    public static RunGlobals? Find(Engine engine) => _byEngine.TryGetValue(engine, out var globals) ? globals : null;

    /// <summary>What <paramref name="script"/> exports in this engine, running it the first time.</summary>
    public ObjectInstance Exports(GlobalScript script, Func<RunGlobals, JsValue[]> arguments)
    {
        if (!_built.TryGetValue(script, out var exports))
        {
            exports = (ObjectInstance)script.Run(Engine, arguments(this));
            _built[script] = exports;
        }

        return exports;
    }
}
