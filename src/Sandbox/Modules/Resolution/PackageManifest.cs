using System.Text.Json;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>What the loader reads from a package's <c>package.json</c>.</summary>
/// <param name="Main">The <c>main</c> entry, or null when absent. (Issue 6 adds <c>exports</c> conditions here.)</param>
internal sealed record PackageManifest(string? Main)
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

            return document.RootElement.TryGetProperty("main", out var main) && main.ValueKind == JsonValueKind.String
                && main.GetString() is { Length: > 0 } entry
                    ? new PackageManifest(entry)
                    : Empty;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
