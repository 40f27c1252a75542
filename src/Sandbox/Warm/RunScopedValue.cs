using Jint.Native;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// The value of a locked built-in property that held a primitive (<c>Error.stackTraceLimit</c>,
/// <c>process.exitCode</c>): a run may change it, and it is put back when the run ends.
/// </summary>
internal sealed class RunScopedValue(JsValue initial)
{
    private readonly JsValue _initial = initial;
    private JsValue _current = initial;
    private bool _changed;

    /// <summary>What the run sees now.</summary>
    public JsValue Current
    {
        get => _current;
        set
        {
            _current = value;
            _changed = true;
        }
    }

    /// <summary>Puts the value the engine was locked with back.</summary>
    public void Reset()
    {
        if (_changed)
        {
            _current = _initial;
            _changed = false;
        }
    }
}
