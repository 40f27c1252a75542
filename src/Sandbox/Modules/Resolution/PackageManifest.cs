using System.Text.Json;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>What the loader reads from a package's <c>package.json</c>.</summary>
/// <param name="Main">The <c>main</c> entry, or null when absent.</param>
/// <param name="Exports">The <c>exports</c> map (a detached copy of the JSON), or null when absent.</param>
internal sealed record PackageManifest(string? Main, JsonElement? Exports = null)
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
            return entry is null && exports is null ? Empty : new PackageManifest(entry, exports);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
