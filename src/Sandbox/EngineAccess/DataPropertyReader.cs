using System.Runtime.CompilerServices;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.EngineAccess;

/// <summary>
/// Reads a property as the data it holds without running script: a data property's value, or the value behind an
/// accessor that stands in for a data property (a warm engine's locked built-ins register theirs here). Lets the
/// value inspector show such properties as values, not as getters, without knowing about warm engines.
/// </summary>
internal static class DataPropertyReader
{
    private static readonly ConditionalWeakTable<ObjectInstance, Func<JsValue>> _readers = [];

    /// <summary>Records that <paramref name="getter"/> stands in for a data property whose value <paramref name="read"/> gives.</summary>
    public static void Register(ObjectInstance getter, Func<JsValue> read) => _readers.Add(getter, read);

    /// <summary>True when <paramref name="descriptor"/> is an accessor registered as standing in for data.</summary>
    public static bool IsStandIn(PropertyDescriptor descriptor) =>
        descriptor.Get is ObjectInstance getter && _readers.TryGetValue(getter, out _);

    /// <summary>
    /// The value of a data property, or of an accessor standing in for one; false for any other accessor, whose
    /// getter would run script.
    /// </summary>
    public static bool TryRead(PropertyDescriptor descriptor, out JsValue value)
    {
        if (descriptor.IsDataDescriptor())
        {
            value = descriptor.Value;
            return true;
        }

        if (descriptor.Get is ObjectInstance getter && _readers.TryGetValue(getter, out var read))
        {
            value = read();
            return true;
        }

        value = JsValue.Undefined;
        return false;
    }
}
