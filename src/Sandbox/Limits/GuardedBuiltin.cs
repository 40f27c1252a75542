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

    public static void Replace(Engine engine, ObjectInstance holder, string name, int length, Guard guard)
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
            PropertyDescriptor.CreateLazy(new Deferred(engine, original, name, length, guard), static deferred => deferred.Build(), PropertyFlag.NonEnumerable));
    }

    /// <summary>The <c>prototype</c> object of the global constructor <paramref name="constructorName"/>.</summary>
    public static ObjectInstance? PrototypeOf(Engine engine, string constructorName) =>
        engine.Global.Get(constructorName) is ObjectInstance constructor && constructor.Get("prototype") is ObjectInstance prototype
            ? prototype
            : null;

    private sealed record Deferred(Engine Engine, PropertyDescriptor Original, string Name, int Length, Guard Guard)
    {
        public ClrFunction Build()
        {
            var original = Original.Value;
            var guard = Guard;
            return new ClrFunction(
                Engine,
                Name,
                (thisObject, arguments) =>
                {
                    var (passedThis, passedArguments) = guard(thisObject, arguments);
                    return original.Call(passedThis, passedArguments);
                },
                Length,
                PropertyFlag.Configurable);
        }
    }
}
