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
internal static class GuardedBuiltin
{
    /// <summary>
    /// The check: inspects <c>this</c> and the arguments, may throw; returns what to pass on to the original (the
    /// same values, or their coerced primitives so that a coercion with side effects runs only once).
    /// </summary>
    public delegate (JsValue This, JsValue[] Arguments) Guard(JsValue thisObject, JsValue[] arguments);

    public static void Replace(Engine engine, ObjectInstance holder, string name, int length, Guard guard)
    {
        var original = holder.Get(name);
        var wrapper = new ClrFunction(
            engine,
            name,
            (thisObject, arguments) =>
            {
                var (passedThis, passedArguments) = guard(thisObject, arguments);
                return original.Call(passedThis, passedArguments);
            },
            length,
            PropertyFlag.Configurable);
        holder.DefineOwnProperty(name, new PropertyDescriptor(wrapper, PropertyFlag.NonEnumerable));
    }

    /// <summary>The <c>prototype</c> object of the global constructor <paramref name="constructorName"/>.</summary>
    public static ObjectInstance? PrototypeOf(Engine engine, string constructorName) =>
        engine.Global.Get(constructorName) is ObjectInstance constructor && constructor.Get("prototype") is ObjectInstance prototype
            ? prototype
            : null;
}
