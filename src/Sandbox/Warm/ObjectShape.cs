using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// What one shared object (a built-in prototype, a constructor, a global's value) looked like when a warm engine
/// was captured — prototype, extensibility and own properties in order — and how to put it back after a run.
/// </summary>
internal sealed class ObjectShape
{
    private readonly ObjectInstance _target;
    private readonly ObjectInstance? _prototype;
    private readonly bool _extensible;
    private PropertyState[] _properties;

    private ObjectShape(ObjectInstance target)
    {
        _target = target;
        _prototype = target.Prototype;
        _extensible = target.Extensible;
        _properties = Read(target);
    }

    /// <summary>Captures <paramref name="target"/> as it is now.</summary>
    public static ObjectShape Capture(ObjectInstance target) => new(target);

    /// <summary>
    /// True for a function whose only own properties are <c>length</c> and <c>name</c>: a built-in method such as
    /// <c>Array.prototype.map</c>. Checking the thousand of them after every run would cost more than the run; what
    /// could change on them (their name, an added property) changes no computation that uses them.
    /// </summary>
    public bool IsPlainMethod =>
        _target is Function
        && _properties.Length == 2
        && _properties.All(p => p.Key.ToString() is "length" or "name");

    /// <summary>The objects this one leads to: its prototype, and its properties' values and accessors.</summary>
    public IEnumerable<ObjectInstance> References()
    {
        if (_prototype is not null)
        {
            yield return _prototype;
        }

        foreach (var property in _properties)
        {
            if (property.Value is ObjectInstance value)
            {
                yield return value;
            }

            if (property.Getter is ObjectInstance getter)
            {
                yield return getter;
            }

            if (property.Setter is ObjectInstance setter)
            {
                yield return setter;
            }
        }
    }

    /// <summary>
    /// Puts the object back as captured. Returns false when that is impossible (a run made a captured property
    /// non-configurable, or the object non-extensible): the engine must then not be reused.
    /// </summary>
    public bool TryRestore()
    {
        if (_extensible && !_target.Extensible)
        {
            return false;
        }

        if (!ReferenceEquals(_target.Prototype, _prototype))
        {
            _target.Prototype = _prototype;
        }

        return Unchanged() || Rewrite();
    }

    // The common case: the run touched nothing here. Own properties come out in insertion order, so an unchanged
    // object matches its capture entry by entry.
    private bool Unchanged()
    {
        var index = 0;
        foreach (var (key, descriptor) in _target.GetOwnProperties())
        {
            if (index >= _properties.Length || !_properties[index].Matches(key, descriptor))
            {
                return false;
            }

            index++;
        }

        return index == _properties.Length;
    }

    private bool Rewrite()
    {
        var captured = new HashSet<JsValue>(_properties.Select(p => p.Key));
        foreach (var (key, _) in _target.GetOwnProperties().ToList())
        {
            if (!captured.Contains(key) && !_target.Delete(key))
            {
                return false;
            }
        }

        foreach (var property in _properties)
        {
            var current = _target.GetOwnProperty(property.Key);
            if ((current == PropertyDescriptor.Undefined || !property.Matches(property.Key, current))
                && !_target.DefineOwnProperty(property.Key, property.ToDescriptor()))
            {
                return false;
            }
        }

        // Deleted and re-added properties now come last: capture the order again so the next check is the quick one.
        _properties = Read(_target);
        return true;
    }

    private static PropertyState[] Read(ObjectInstance target) =>
        [.. target.GetOwnProperties().Select(p => PropertyState.Of(p.Key, p.Value))];
}
