using IsolatedRuntime.Sandbox.Globals;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// The objects every run of a warm engine can reach without loading a module: each object reachable from the
/// global object's properties (built-in constructors and prototypes, <c>Math</c>, <c>JSON</c>, the sandbox's
/// <c>console</c>, <c>process</c>, <c>Buffer</c>…, and whatever packages put on <c>globalThis</c> while loading),
/// plus the built-ins only reachable through values (%ArrayIteratorPrototype%…). Captured once after the module
/// graph is loaded and put back after every run, so <c>Array.prototype.push = …</c> or
/// <c>Object.prototype.polluted = 1</c> never reaches the next run. The global object itself is Jint's
/// <see cref="GlobalSnapshot"/>'s.
/// </summary>
internal sealed class SharedObjectsSnapshot
{
    /// <summary>More reachable objects than this and the engine is not kept warm: restoring would cost too much.</summary>
    internal const int MaxObjects = 50_000;

    private static readonly GlobalScript _hiddenIntrinsics =
        GlobalScript.CommonJs("IsolatedRuntime.Sandbox.Warm.hidden-intrinsics.js", "warm-intrinsics");

    // Jint 4.18 keeps its proxy type internal; a proxy's traps are script and must never run while capturing or
    // restoring (restoring happens after the run's deadline is disarmed).
    private static readonly Type? _proxyType = typeof(JsValue).Assembly.GetType("Jint.Native.JsProxy");

    private readonly ObjectShape[] _shapes;

    private SharedObjectsSnapshot(ObjectShape[] shapes) => _shapes = shapes;

    /// <summary>How many objects are restored after each run.</summary>
    public int Count => _shapes.Length;

    /// <summary>
    /// The built-ins no global property leads to. Call on a fresh engine, before any user code runs, so no script
    /// has had the chance to replace what they are found through.
    /// </summary>
    public static ObjectInstance[] FindHiddenIntrinsics(Engine engine) =>
        [.. ((ObjectInstance)_hiddenIntrinsics.Run(engine)).GetOwnProperties()
            .Select(p => p.Value.Value)
            .OfType<ObjectInstance>()];

    /// <summary>
    /// Captures everything reachable from <paramref name="engine"/>'s globals and <paramref name="hidden"/>, or null
    /// when that is more than <see cref="MaxObjects"/>. Reading every global builds the lazy ones.
    /// </summary>
    public static SharedObjectsSnapshot? Capture(Engine engine, IEnumerable<ObjectInstance> hidden)
    {
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance) { engine.Global };
        var pending = new Stack<ObjectInstance>(hidden);
        foreach (var (_, descriptor) in engine.Global.GetOwnProperties())
        {
            foreach (var value in (ReadOnlySpan<JsValue?>)[descriptor.IsAccessorDescriptor() ? null : descriptor.Value, descriptor.Get, descriptor.Set])
            {
                if (value is ObjectInstance reference)
                {
                    pending.Push(reference);
                }
            }
        }

        var shapes = new List<ObjectShape>();
        while (pending.TryPop(out var target))
        {
            // Proxies would run script traps while being read; typed arrays hold data, not behaviour.
            if (!seen.Add(target) || target.GetType() == _proxyType || target is JsTypedArray or JsArrayBuffer)
            {
                continue;
            }

            if (seen.Count > MaxObjects)
            {
                return null;
            }

            var shape = ObjectShape.Capture(target);
            if (!shape.IsPlainMethod)
            {
                shapes.Add(shape);
            }

            foreach (var reference in shape.References())
            {
                pending.Push(reference);
            }
        }

        return new SharedObjectsSnapshot([.. shapes]);
    }

    /// <summary>Puts every captured object back; false when one cannot be (the engine must then be dropped).</summary>
    public bool TryRestore()
    {
        foreach (var shape in _shapes)
        {
            if (!shape.TryRestore())
            {
                return false;
            }
        }

        return true;
    }
}
