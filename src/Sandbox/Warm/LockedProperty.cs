using IsolatedRuntime.Sandbox.EngineAccess;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// The accessor a locked built-in's writable property becomes (<see cref="Lockdown"/>): reading it yields the value;
/// assigning it on the built-in itself throws a <c>TypeError</c> (or, for a primitive, changes it for the run only);
/// assigning it on an object that inherits it defines an own property on that object, as it would if the built-in
/// were an ordinary writable property. That last part keeps <c>Foo.prototype.toString = …</c> and
/// <c>Child.prototype.constructor = Child</c> working although <c>Object.prototype</c> is frozen.
/// </summary>
internal static class LockedProperty
{
    // Getter function → what it reads, so the sandbox's own readers (error names, console output) can see a locked
    // property as the data it was, without calling into the engine.

    /// <summary>A property whose value (a function or an object) never changes.</summary>
    public static PropertyDescriptor Constant(Engine engine, ObjectInstance holder, JsValue key, JsValue value, bool enumerable, string holderPath)
    {
        var getter = new ClrFunction(engine, "get " + Name(key), (_, _) => value, 0, PropertyFlag.Configurable);
        var setter = new ClrFunction(engine, "set " + Name(key), (receiver, arguments) =>
        {
            if (ReferenceEquals(receiver, holder))
            {
                throw new JavaScriptException(
                    engine.Intrinsics.TypeError,
                    $"Cannot assign to read only property '{Name(key)}' of {holderPath}: the built-ins are locked in a warm run, so that no run can change them for the next. Define it on your own object instead.");
            }

            return Shadow(engine, receiver, key, arguments.At(0));
        }, 1, PropertyFlag.Configurable);
        DataPropertyReader.Register(getter, () => value);
        return new GetSetPropertyDescriptor(getter, setter, enumerable, configurable: false);
    }

    /// <summary>A property holding a primitive: writable for the run, put back by <see cref="RunScopedValue.Reset"/>.</summary>
    public static PropertyDescriptor RunScoped(Engine engine, ObjectInstance holder, JsValue key, JsValue value, bool enumerable, List<RunScopedValue> values)
    {
        var slot = new RunScopedValue(value);
        values.Add(slot);
        var getter = new ClrFunction(engine, "get " + Name(key), (_, _) => slot.Current, 0, PropertyFlag.Configurable);
        var setter = new ClrFunction(engine, "set " + Name(key), (receiver, arguments) =>
        {
            if (!ReferenceEquals(receiver, holder))
            {
                return Shadow(engine, receiver, key, arguments.At(0));
            }

            slot.Current = arguments.At(0);
            return JsValue.Undefined;
        }, 1, PropertyFlag.Configurable);
        DataPropertyReader.Register(getter, () => slot.Current);
        return new GetSetPropertyDescriptor(getter, setter, enumerable, configurable: false);
    }

    /// <summary>True when <paramref name="descriptor"/> is a locked property's accessor.</summary>
    public static bool IsLocked(PropertyDescriptor descriptor) => DataPropertyReader.IsStandIn(descriptor);

    /// <summary>The value of a data property, or of a locked property (which was one before it was locked).</summary>
    public static bool TryReadData(PropertyDescriptor descriptor, out JsValue value) => DataPropertyReader.TryRead(descriptor, out value);

    // What an ordinary inherited writable property allows: the receiver gets an own property of that name.
    private static JsValue Shadow(Engine engine, JsValue receiver, JsValue key, JsValue value)
    {
        if (receiver is ObjectInstance target
            && !target.DefineOwnProperty(key, new PropertyDescriptor(value, PropertyFlag.ConfigurableEnumerableWritable)))
        {
            throw new JavaScriptException(engine.Intrinsics.TypeError, $"Cannot add property {Name(key)}, object is not extensible");
        }

        return JsValue.Undefined;
    }

    private static string Name(JsValue key) => key.IsSymbol() ? "[" + ((JsSymbol)key).ToString() + "]" : key.ToString();
}
