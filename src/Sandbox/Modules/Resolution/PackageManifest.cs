using System.Text.Json;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>What the loader reads from a package's <c>package.json</c>.</summary>
/// <param name="Main">The <c>main</c> entry, or null when absent.</param>
/// <param name="Exports">The <c>exports</c> map (a detached copy of the JSON), or null when absent.</param>
/// <param name="IsModuleType">True when <c>"type": "module"</c>: the package's <c>.js</c> files are ES modules.</param>
internal sealed record PackageManifest(string? Main, JsonElement? Exports = null, bool IsModuleType = false)
{
    public static readonly PackageManifest Empty = new((string?)null);

    /// <summary>Reads <paramref name="json"/>; returns null when it is not a JSON object.</summary>
    public static PackageManifest? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var root = document.RootElement;
            var entry = root.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String
                && main.GetString() is { Length: > 0 } text ? text : null;
            JsonElement? exports = root.TryGetProperty("exports", out var map) && map.ValueKind != JsonValueKind.Null
                ? map.Clone()
                : null;
            var isModuleType = root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                && type.ValueEquals("module");
            return entry is null && exports is null && !isModuleType ? Empty : new PackageManifest(entry, exports, isModuleType);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
