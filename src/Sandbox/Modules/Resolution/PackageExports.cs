using System.Text.Json;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>
/// Resolves a sub-path through a package's <c>exports</c> map, as Node's loaders do: sub-path keys
/// (<c>"."</c>, <c>"./utc"</c>, patterns with one <c>*</c>), nested condition objects taken in their own order, the
/// first of <c>require</c> (or <c>import</c> for an ES module's import), <c>node</c>, <c>default</c> that matches, and
/// arrays as fallbacks.
/// </summary>
internal static class PackageExports
{
    private static readonly string[] _requireConditions = ["require", "node", "default"];
    private static readonly string[] _importConditions = ["import", "node", "default"];

    /// <summary>
    /// The package-relative target (<c>./dist/index.cjs</c>) <paramref name="subPath"/> maps to, or null when the map
    /// does not export it (Node's <c>ERR_PACKAGE_PATH_NOT_EXPORTED</c>).
    /// </summary>
    /// <param name="exports">The manifest's <c>exports</c>.</param>
    /// <param name="subPath">The path inside the package (<c>plugin/utc</c>), empty for the package itself.</param>
    /// <param name="import">True for an ES module's <c>import</c>, false for <c>require</c>.</param>
    public static string? Resolve(JsonElement exports, string subPath, bool import = false)
    {
        var conditions = import ? _importConditions : _requireConditions;
        var key = subPath.Length == 0 ? "." : "./" + subPath;
        if (!IsSubPathMap(exports))
        {
            return key == "." ? Target(exports, null, conditions) : null;
        }

        if (exports.TryGetProperty(key, out var exact))
        {
            return Target(exact, null, conditions);
        }

        // The longest pattern prefix wins, as in Node.
        string? best = null;
        string? star = null;
        JsonElement bestValue = default;
        foreach (var property in exports.EnumerateObject())
        {
            var starAt = property.Name.IndexOf('*', StringComparison.Ordinal);
            if (starAt < 0)
            {
                continue;
            }

            var prefix = property.Name[..starAt];
            var suffix = property.Name[(starAt + 1)..];
            if (key.Length >= property.Name.Length - 1 && key.StartsWith(prefix, StringComparison.Ordinal)
                && key.EndsWith(suffix, StringComparison.Ordinal) && (best is null || prefix.Length > best.Length))
            {
                best = prefix;
                star = key[prefix.Length..(key.Length - suffix.Length)];
                bestValue = property.Value;
            }
        }

        return best is null ? null : Target(bestValue, star, conditions);
    }

    private static bool IsSubPathMap(JsonElement exports) =>
        exports.ValueKind == JsonValueKind.Object
        && exports.EnumerateObject().Any(p => p.Name.StartsWith('.'));

    private static string? Target(JsonElement value, string? star, string[] conditions)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var target = value.GetString()!;
                if (!target.StartsWith("./", StringComparison.Ordinal) || target.Split('/').Any(s => s is ".." or "node_modules"))
                {
                    return null;
                }

                return star is null ? target : target.Replace("*", star, StringComparison.Ordinal);
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (Target(item, star, conditions) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var condition in value.EnumerateObject())
                {
                    if (conditions.Contains(condition.Name))
                    {
                        return Target(condition.Value, star, conditions);
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
