using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// One own property as it was when a warm engine was captured: its key, attributes and value (or accessor pair).
/// Values are compared by identity (objects) or SameValue (primitives), never read through getters.
/// </summary>
internal readonly record struct PropertyState(JsValue Key, bool IsAccessor, bool Enumerable, bool Writable, bool Configurable, JsValue? Value, JsValue? Getter, JsValue? Setter)
{
    public static PropertyState Of(JsValue key, PropertyDescriptor descriptor)
    {
        var accessor = descriptor.IsAccessorDescriptor();
        return new PropertyState(
            key,
            accessor,
            descriptor.Enumerable,
            !accessor && descriptor.Writable,
            descriptor.Configurable,
            accessor ? null : descriptor.Value,
            accessor ? descriptor.Get : null,
            accessor ? descriptor.Set : null);
    }

    /// <summary>True when <paramref name="descriptor"/> under <paramref name="key"/> is this property, unchanged.</summary>
    public bool Matches(JsValue key, PropertyDescriptor descriptor)
    {
        if (!SameKey(Key, key) || descriptor.IsAccessorDescriptor() != IsAccessor
            || descriptor.Enumerable != Enumerable || descriptor.Configurable != Configurable)
        {
            return false;
        }

        return IsAccessor
            ? Same(descriptor.Get, Getter) && Same(descriptor.Set, Setter)
            : descriptor.Writable == Writable && Same(descriptor.Value, Value);
    }

    /// <summary>A descriptor that puts this property back as it was.</summary>
    public PropertyDescriptor ToDescriptor() => IsAccessor
        ? new GetSetPropertyDescriptor(Getter, Setter, Enumerable, Configurable)
        : new PropertyDescriptor(Value, Writable, Enumerable, Configurable);

    private static bool SameKey(JsValue a, JsValue b) => ReferenceEquals(a, b) || a.Equals(b);

    private static bool Same(JsValue? a, JsValue? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.IsObject() || b.IsObject())
        {
            return false;
        }

        // Primitives: a rewrite with an equal value is no change (NaN equals NaN, 0 differs from -0, as SameValue).
        return a.IsNumber() && b.IsNumber()
            ? a.AsNumber().Equals(b.AsNumber()) && double.IsNegative(a.AsNumber()) == double.IsNegative(b.AsNumber())
            : a!.Equals(b);
    }
}
