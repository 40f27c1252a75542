using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// Replaces a builtin method with a host function that checks first and then calls the original, keeping what a
/// script can see of it: its name, its <c>length</c>, its property attributes (writable, configurable, not
/// enumerable), <c>this</c> passed through unchanged, and the original's own errors for bad arguments.
/// </summary>
/// <remarks>
/// The wrapper is built on the first read of the property, not when the engine is hardened: most runs never touch
/// these methods, and building a host function per method per engine cost more than the engine itself. The property
/// exists from the start as a data property with the original's attributes, so <c>in</c>, <c>Object.keys</c> and
/// enumeration see nothing unusual; any read (a call, <c>getOwnPropertyDescriptor</c>, <c>typeof</c>) yields the
/// wrapper, never the original, which is held only here.
/// </remarks>
internal static class GuardedBuiltin
{
    /// <summary>
    /// The check: inspects <c>this</c> and the arguments, may throw; returns what to pass on to the original (the
    /// same values, or their coerced primitives so that a coercion with side effects runs only once).
    /// </summary>
    public delegate (JsValue This, JsValue[] Arguments) Guard(JsValue thisObject, JsValue[] arguments);

    /// <summary>
    /// An implementation that takes over from the original: it answers the call itself where it can do better
    /// (bounded, or checking the deadline as it goes), and calls <paramref name="original"/> for the rest.
    /// </summary>
    public delegate JsValue Substitute(JsValue thisObject, JsValue[] arguments, Func<JsValue, JsValue[], JsValue> original);

    /// <summary>Replaces <paramref name="name"/> with a wrapper that calls <paramref name="substitute"/> first.</summary>
    public static void Replace(Engine engine, ObjectInstance holder, JsValue name, int length, Substitute substitute) =>
        Replace(engine, holder, name, length, (Guard?)null, substitute);

    public static void Replace(Engine engine, ObjectInstance holder, string name, int length, Guard guard) =>
        Replace(engine, holder, name, length, guard, null);

    private static void Replace(Engine engine, ObjectInstance holder, JsValue name, int length, Guard? guard, Substitute? substitute)
    {
        // Taken from the holder now, while it is pristine; the descriptor is detached from the holder below, so a
        // script can neither read nor replace what it points to.
        var original = holder.GetOwnProperty(name);
        if (original == PropertyDescriptor.Undefined)
        {
            return;
        }

        holder.FastSetProperty(
            name,
            PropertyDescriptor.CreateLazy(new Deferred(engine, original, name, length, guard, substitute), static deferred => deferred.Build(), PropertyFlag.NonEnumerable));
    }

    /// <summary>The <c>prototype</c> object of the global constructor <paramref name="constructorName"/>.</summary>
    public static ObjectInstance? PrototypeOf(Engine engine, string constructorName) =>
        engine.Global.Get(constructorName) is ObjectInstance constructor && constructor.Get("prototype") is ObjectInstance prototype
            ? prototype
            : null;

    private sealed record Deferred(Engine Engine, PropertyDescriptor Original, JsValue Name, int Length, Guard? Guard, Substitute? Substitute)
    {
        public ClrFunction Build()
        {
            var original = Original.Value;
            var guard = Guard;
            var substitute = Substitute;
            var name = Name.IsSymbol() ? "[" + ((JsSymbol)Name).ToString()[7..^1] + "]" : Name.ToString();
            Func<JsValue, JsValue[], JsValue> callOriginal = (thisObject, arguments) => original.Call(thisObject, arguments);
            return new ClrFunction(
                Engine,
                name,
                (thisObject, arguments) =>
                {
                    if (substitute is not null)
                    {
                        return substitute(thisObject, arguments, callOriginal);
                    }

                    var (passedThis, passedArguments) = guard!(thisObject, arguments);
                    return original.Call(passedThis, passedArguments);
                },
                Length,
                PropertyFlag.Configurable);
        }
    }
}
