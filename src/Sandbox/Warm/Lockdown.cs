using IsolatedRuntime.Sandbox.EngineAccess;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// Freezes everything the runs of a warm engine share: every object reachable from the global object's properties
/// and from the engine's intrinsics (including the ones no global leads to, and those the sandbox's own scripts keep
/// to themselves: they can only be reached through the frozen ones), following prototypes, property values,
/// getters and setters and functions' own properties. What a run does to them cannot outlive it, because it cannot
/// do anything to them; only the global object (restored after each run) and <c>process.env</c> (restored property
/// by property: it holds strings only) stay writable.
/// </summary>
/// <remarks>
/// <para>
/// Freezing alone would break ordinary code through the "override mistake": assigning <c>Foo.prototype.toString =
/// …</c> fails when <c>Object.prototype.toString</c> is frozen, because an inherited read-only property forbids an own
/// property of that name. So, as hardened JavaScript runtimes do, each writable data property is turned into a
/// non-configurable accessor (<see cref="LockedProperty"/>): reading it yields the value; assigning it on the built-in
/// itself throws a <c>TypeError</c> that says why; assigning it on any other object (which inherits it) defines an own
/// property there, as if the built-in were not frozen. A writable property holding a primitive
/// (<c>Error.stackTraceLimit</c>, <c>process.exitCode</c>) stays writable for the run and is put back when it ends.
/// </para>
/// <para>
/// An object whose contents live in internal slots a frozen object still lets change (a <c>Map</c>, a <c>Date</c>, a
/// non-empty typed array, a regular expression, a promise…) cannot be locked: an engine whose built-ins lead to one is
/// refused and every run of its key is cold. Objects a package's top-level code put on the global object (zod's
/// schema registry) are locked too, but a <c>Map</c> in them is that package's state, which the key's runs share like
/// all module state. Proxies are locked through their target and handler.
/// </para>
/// </remarks>
internal sealed class Lockdown
{
    /// <summary>More reachable objects than this and the engine is not kept warm: locking would cost too much.</summary>
    internal const int MaxObjects = 100_000;

    // Classes whose state a frozen object still lets change (entries, time, pattern, settlement, position).
    private static readonly string[] _statefulClasses =
    [
        "JsMap", "JsSet", "JsWeakMap", "JsWeakSet", "JsDate", "JsRegExp", "JsDataView", "JsWeakRef", "JsArguments",
        "JsPromise", "FinalizationRegistryInstance", "JsDisposableStack", "JsAsyncDisposableStack",
    ];

    private readonly Engine _engine;
    private readonly HashSet<ObjectInstance> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ObjectInstance> _restored = new(ReferenceEqualityComparer.Instance);
    private readonly List<ObjectShape> _shapes = [];
    private readonly List<RunScopedValue> _runScoped = [];
    // Breadth first, so each object is named by its shortest path (Array.prototype, not process.argv's prototype).
    private readonly Queue<(ObjectInstance Target, string Path)> _pending = new();
    private bool _packageState;

    public Lockdown(Engine engine, IEnumerable<ObjectInstance> restoredInstead)
    {
        _engine = engine;
        _seen.Add(engine.Global);
        foreach (var restored in restoredInstead)
        {
            _restored.Add(restored);
        }
    }

    /// <summary>Why the engine cannot be locked (so must not be kept warm), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Objects locked so far.</summary>
    public int Count => _seen.Count;

    /// <summary>
    /// Locks the global object's properties <paramref name="which"/> selects (reading each, which builds the lazy ones)
    /// and everything they lead to.
    /// </summary>
    /// <param name="which">The global names to lock.</param>
    /// <param name="packageState">
    /// True for what a package's top-level code put on the global object (a registry): its properties are locked too,
    /// but a <c>Map</c> or <c>WeakMap</c> in it is the package's own state, shared by the key's runs like the rest of its
    /// module state, rather than a reason to refuse the engine.
    /// </param>
    public bool LockGlobals(Func<string, bool> which, bool packageState)
    {
        _packageState = packageState;
        foreach (var key in _engine.Global.GetOwnPropertyKeys())
        {
            if (!which(key.ToString()))
            {
                continue;
            }

            var descriptor = _engine.Global.GetOwnProperty(key);
            var name = key.ToString();
            Push(descriptor.IsAccessorDescriptor() ? null : descriptor.Value, name);
            Push(descriptor.Get, name + " getter");
            Push(descriptor.Set, name + " setter");
        }

        return Drain();
    }

    /// <summary>Locks <paramref name="roots"/> and everything they lead to.</summary>
    public bool Lock(IEnumerable<ObjectInstance> roots, string path)
    {
        _packageState = false;
        foreach (var root in roots)
        {
            Push(root, path);
        }

        return Drain();
    }

    /// <summary>Locks <paramref name="value"/> (a built-in module's exports loaded by a later run) and what it leads to.</summary>
    public bool Lock(JsValue value, string path)
    {
        _packageState = false;
        Push(value, path);
        return Drain();
    }

    /// <summary>
    /// Puts back what a run may change: the run-scoped primitives and the objects restored instead of frozen. False
    /// when that is impossible (the engine must then be dropped).
    /// </summary>
    public bool TryRestore()
    {
        foreach (var value in _runScoped)
        {
            value.Reset();
        }

        foreach (var shape in _shapes)
        {
            if (!shape.TryRestore())
            {
                return false;
            }
        }

        return true;
    }

    private void Push(JsValue? value, string path)
    {
        if (value is ObjectInstance target && !_seen.Contains(target))
        {
            _pending.Enqueue((target, path));
        }
    }

    private bool Drain()
    {
        while (Refusal is null && _pending.TryDequeue(out var item))
        {
            var (target, path) = item;
            if (!_seen.Add(target))
            {
                continue;
            }

            if (_seen.Count > MaxObjects)
            {
                Refusal = $"more than {MaxObjects} objects are reachable from the globals";
                break;
            }

            if (_restored.Contains(target))
            {
                Restore(target, path);
            }
            else if (ProxyTarget.IsProxy(target))
            {
                // Locked through its target and handler, never through its traps.
                Push(ProxyTarget.Target(target), path + " (proxy target)");
                Push(ProxyTarget.Handler(target), path + " (proxy handler)");
            }
            else if (StatefulReason(target) is { } reason && !(_packageState && target is not JsTypedArray and not JsArrayBuffer))
            {
                Refusal = $"{path} is {reason}, whose contents a frozen object still lets change";
            }
            else
            {
                Freeze(target, path);
            }
        }

        _pending.Clear();
        return Refusal is null;
    }

    private void Restore(ObjectInstance target, string path)
    {
        foreach (var key in target.GetOwnPropertyKeys())
        {
            var descriptor = target.GetOwnProperty(key);
            if (descriptor.IsAccessorDescriptor() || descriptor.Value is ObjectInstance)
            {
                Refusal = $"{path}.{key} is not a plain value, so {path} cannot be restored after each run";
                return;
            }
        }

        _shapes.Add(ObjectShape.Capture(target));
        Push(target.Prototype, path + " prototype");
    }

    private void Freeze(ObjectInstance target, string path)
    {
        var isArray = target is ArrayInstance;
        foreach (var key in target.GetOwnPropertyKeys())
        {
            var descriptor = target.GetOwnProperty(key);
            var name = path + "." + key;
            if (descriptor.IsAccessorDescriptor())
            {
                Push(descriptor.Get, name + " getter");
                Push(descriptor.Set, name + " setter");
                if (descriptor.Configurable && !LockedProperty.IsLocked(descriptor))
                {
                    Define(target, key, new GetSetPropertyDescriptor(descriptor.Get, descriptor.Set, descriptor.Enumerable, configurable: false), name);
                }

                continue;
            }

            var value = descriptor.Value;
            Push(value, name);
            if (descriptor.Writable && Overridable(target, key, isArray))
            {
                var locked = value is ObjectInstance
                    ? LockedProperty.Constant(_engine, target, key, value, descriptor.Enumerable, path)
                    : LockedProperty.RunScoped(_engine, target, key, value, descriptor.Enumerable, _runScoped);
                Define(target, key, locked, name);
                Push(locked.Get, name + " getter");
                Push(locked.Set, name + " setter");
            }
            else if (descriptor.Writable || descriptor.Configurable)
            {
                Define(target, key, new PropertyDescriptor(value, writable: false, descriptor.Enumerable, configurable: false), name);
            }
        }

        Push(target.Prototype, path + " prototype");
        if (Refusal is null && !target.PreventExtensions())
        {
            Refusal = $"{path} refused to be made non-extensible";
        }
    }

    private void Define(ObjectInstance target, JsValue key, PropertyDescriptor descriptor, string path)
    {
        if (!target.DefineOwnProperty(key, descriptor))
        {
            Refusal ??= $"{path} could not be locked";
        }
    }

    // A function's own prototype is never inherited, and an array's length and elements are not properties another
    // object could want to shadow: those are simply made read-only.
    private static bool Overridable(ObjectInstance target, JsValue key, bool isArray)
    {
        if (isArray && (key.IsNumber() || (key.IsString() && (key.AsString() == "length" || uint.TryParse(key.AsString(), out _)))))
        {
            return false;
        }

        return !(target is Function && key.IsString() && key.AsString() == "prototype");
    }

    private static string? StatefulReason(ObjectInstance target)
    {
        switch (target)
        {
            case JsTypedArray typed:
                return typed.Length > 0 ? "a typed array" : null;
            case JsArrayBuffer:
                return "an ArrayBuffer";
        }

        var type = target.GetType().Name;
        if (Array.IndexOf(_statefulClasses, type) >= 0)
        {
            return "a " + type.Replace("Js", "", StringComparison.Ordinal).Replace("Instance", "", StringComparison.Ordinal);
        }

        // Iterators and generators remember their position.
        return (type.Contains("Iterator", StringComparison.Ordinal) || type.Contains("Generator", StringComparison.Ordinal))
            && !type.EndsWith("Prototype", StringComparison.Ordinal)
            && target is not Function
            ? "an iterator"
            : null;
    }
}
