using System.Globalization;
using System.Text;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Modules.Esm;

/// <summary>
/// Writes the ES module through which an <c>import</c> sees a CommonJS module or a built-in, as Node does: the default
/// export is <c>module.exports</c>, and each own enumerable property with an identifier name is also a named export
/// (a snapshot taken when the facade runs, like Node's).
/// </summary>
internal static class CommonJsFacade
{
    /// <summary>What a facade imports to reach the exports value; only a facade's own import is resolved this way.</summary>
    public const string ExportsSpecifier = "sandbox:exports";

    // A generous bound on the facade's size; objects with more names still work through the default export.
    private const int _maxNamedExports = 4096;

    /// <summary>The facade's source for <paramref name="exports"/>, the value <c>module.exports</c> held once loaded.</summary>
    public static string Source(JsValue exports)
    {
        var source = new StringBuilder("import m from '").Append(ExportsSpecifier).Append("';\nexport default m;\n");
        var names = NamedExports(exports);
        if (names.Count == 0)
        {
            return source.ToString();
        }

        // Locals are numbered, so any export name (reserved words included) can be exported under its own name.
        source.Append("const { ");
        for (var i = 0; i < names.Count; i++)
        {
            source.Append(names[i]).Append(": _").Append(i.ToString(CultureInfo.InvariantCulture)).Append(", ");
        }

        source.Append("} = m;\nexport { ");
        for (var i = 0; i < names.Count; i++)
        {
            source.Append('_').Append(i.ToString(CultureInfo.InvariantCulture)).Append(" as ").Append(names[i]).Append(", ");
        }

        return source.Append("};\n").ToString();
    }

    private static List<string> NamedExports(JsValue exports)
    {
        var names = new List<string>();
        if (exports is not ObjectInstance value)
        {
            return names;
        }

        foreach (var key in value.GetOwnPropertyKeys(Types.String))
        {
            var name = key.ToString();
            if (names.Count < _maxNamedExports && name != "default" && IsIdentifierName(name)
                && value.GetOwnProperty(key).Enumerable)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static bool IsIdentifierName(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] is '_' or '$'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }
}
