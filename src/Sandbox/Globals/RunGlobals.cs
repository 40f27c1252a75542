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

    private RunGlobals(Engine engine) => Engine = engine;

    public Engine Engine { get; }

    /// <summary>
    /// The values sandbox scripts built from now on bind their global names to (<see cref="GlobalBindings"/>), or
    /// null while they read them from the global object.
    /// </summary>
    public IReadOnlyDictionary<string, JsValue>? FixedBindings { get; private set; }

    /// <summary>
    /// Fixes the values of every bindable global name to what the global object holds now: a warm engine calls it when
    /// it is locked down, before a caller's code runs, so that a built-in module a later run loads binds the engine's
    /// own built-ins even if that run replaced the globals.
    /// </summary>
    public void FixBindings()
    {
        var values = new Dictionary<string, JsValue>(StringComparer.Ordinal);
        foreach (var name in GlobalBindings.Bindable)
        {
            values[name] = Engine.Global.Get(name);
        }

        FixedBindings = values;
    }

    /// <summary>The globals of <paramref name="engine"/>, created on first use.</summary>
    public static RunGlobals For(Engine engine) => _byEngine.GetValue(engine, static e => new RunGlobals(e));

    /// <summary>
    /// What <paramref name="script"/> exports in this engine, running it the first time with the values
    /// <paramref name="arguments"/> builds.
    /// </summary>
    public ObjectInstance Exports<TState>(GlobalScript script, TState state, Func<Engine, TState, JsValue[]> arguments)
    {
        if (!_built.TryGetValue(script, out var exports))
        {
            exports = (ObjectInstance)script.Run(Engine, arguments(Engine, state));
            _built[script] = exports;
        }

        return exports;
    }
}
