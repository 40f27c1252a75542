using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Globals;

/// <summary>
/// Binds the global names a sandbox script uses (<c>Object</c>, <c>RegExp</c>, <c>console</c>…) to values fixed when
/// the script is built, instead of looking them up on the global object each time the script runs: the script is
/// wrapped in a function whose parameters are those names. A run that replaces <c>globalThis.RegExp</c> or
/// <c>globalThis.Object</c> therefore cannot make the sandbox's own code (the <c>URL</c> global, the built-in
/// modules) call into it and hand it the objects that code keeps to itself.
/// </summary>
/// <remarks>
/// Names are the ECMAScript globals and the sandbox's host-function globals (console, timers,
/// <c>queueMicrotask</c>). Sandbox scripts reach the other sandbox globals (<c>Buffer</c>, <c>URL</c>…) through
/// <c>require</c> or their factory's arguments, never as free names. A warm engine fixes the values once, when it is
/// locked down (<see cref="RunGlobals.FixBindings"/>); any other engine reads them from its global object when the
/// script is built, which only that engine's one run can have changed.
/// </remarks>
internal static partial class GlobalBindings
{
    private static readonly string[] _hostGlobals =
        ["console", "queueMicrotask", "setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"];

    // Constants that cannot be rebound, and eval, whose binding would make every direct eval indirect.
    private static readonly string[] _notBound = ["undefined", "NaN", "Infinity", "eval"];

    private static readonly Lazy<HashSet<string>> _names = new(() =>
    {
        var names = new Engine().Global.GetOwnPropertyKeys(Types.String).Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal);
        names.UnionWith(_hostGlobals);
        names.ExceptWith(_notBound);
        return names;
    });

    /// <summary>Every name that may be bound.</summary>
    public static IReadOnlySet<string> Bindable => _names.Value;

    /// <summary>The bindable names <paramref name="source"/> mentions, in a fixed order. Property names after a dot are not names.</summary>
    public static string[] NamesUsedBy(string source)
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(source))
        {
            if (_names.Value.Contains(match.Value))
            {
                used.Add(match.Value);
            }
        }

        return [.. used];
    }

    /// <summary>The head of the binding function: <c>(function (Object, RegExp) { return </c>.</summary>
    public static string Head(string[] names) => "(function (" + string.Join(", ", names) + ") { return ";

    /// <summary>The values to call the binding function with in <paramref name="engine"/>.</summary>
    public static JsValue[] Values(Engine engine, string[] names)
    {
        var values = new JsValue[names.Length];
        var fixedValues = RunGlobals.For(engine).FixedBindings;
        for (var i = 0; i < names.Length; i++)
        {
            values[i] = fixedValues is not null && fixedValues.TryGetValue(names[i], out var value) ? value : engine.Global.Get(names[i]);
        }

        return values;
    }

    [GeneratedRegex(@"(?<![\w$.])[A-Za-z_$][\w$]*", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
