namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>The argument of one <c>require</c> call, classified.</summary>
/// <param name="Kind">How the text is read.</param>
/// <param name="Text">The text as written (without a <c>node:</c> prefix).</param>
/// <param name="PackageName">For bare names: the package (<c>lodash</c>, <c>@scope/x</c>); otherwise empty.</param>
/// <param name="SubPath">For bare names: the path inside the package (<c>fp/map</c>); otherwise empty.</param>
/// <param name="EndsWithSlash">
/// For bare names written with a trailing slash (<c>punycode/</c>): <see cref="Text"/> is without it, the request
/// names a folder, and it is never a built-in (as in Node, <c>require('punycode/')</c> is the npm package).
/// </param>
internal readonly record struct ModuleRequest(ModuleRequestKind Kind, string Text, string PackageName, string SubPath, bool EndsWithSlash = false)
{
    private const string _nodePrefix = "node:";

    /// <summary>True when the request names a folder only (<c>./lib/</c>, <c>.</c>, <c>..</c>).</summary>
    public bool NamesDirectory => EndsWithSlash || Text.EndsWith('/') || Text is "." or "..";

    public static ModuleRequest Parse(string text)
    {
        if (text is "." or ".." || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal))
        {
            return new(ModuleRequestKind.Relative, text, "", "");
        }

        if (text.StartsWith('/'))
        {
            return new(ModuleRequestKind.Absolute, text, "", "");
        }

        return text.StartsWith(_nodePrefix, StringComparison.Ordinal)
            ? new(ModuleRequestKind.NodePrefixed, text[_nodePrefix.Length..], text[_nodePrefix.Length..], "")
            : ParseBare(text);
    }

    private static ModuleRequest ParseBare(string text)
    {
        var endsWithSlash = text.Length > 1 && text.EndsWith('/');
        if (endsWithSlash)
        {
            text = text[..^1];
        }

        var segments = text.Split('/');
        var nameLength = text.StartsWith('@') ? 2 : 1;
        if (segments.Length < nameLength || segments.Any(s => s is "" or "." or "..") || text.Contains('\\', StringComparison.Ordinal))
        {
            return new(ModuleRequestKind.Invalid, text, "", "");
        }

        return new(
            ModuleRequestKind.Bare,
            text,
            string.Join('/', segments[..nameLength]),
            string.Join('/', segments[nameLength..]),
            endsWithSlash);
    }
}
