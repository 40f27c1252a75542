using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Worker.Requests;

/// <summary>
/// A hash of everything a request asks for except its correlation id, stored beside the outcome: the same id sent
/// with a different request is refused instead of answered with someone else's result. Canonical, so that property
/// order and whitespace in the JSON do not matter.
/// </summary>
internal static class RequestFingerprint
{
    public static string Compute(RunRequested request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(request.Root);
            WriteSources(writer, request.Sources);
            writer.WriteStringValue(request.File);
            writer.WriteStringValue(request.FuncName);
            WriteCanonical(writer, request.Args);
            WriteCanonical(writer, request.Context);
            WriteStrings(writer, request.External);
            WriteStrings(writer, request.WhitelistedPaths);
            WriteCanonical(writer, request.ResolverOptions);
            writer.WriteRawValue(request.TimeoutMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null");
            writer.WriteRawValue(request.MemoryLimitBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null");

            // Written only when set, so requests from before the field existed keep their fingerprint.
            if (request.Warm is { } warm)
            {
                writer.WriteBooleanValue(warm);
            }

            // Later fields are tagged, so that two optional fields can never be mistaken for each other. Expiry and
            // tenant are left out: they say when and for whom to run, not what, and a retry may carry fresh ones.
            if (request.ArgsBatch is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) })
            {
                writer.WriteStringValue("argsBatch");
                WriteCanonical(writer, request.ArgsBatch);
            }

            if (request.StopOnFirstFailure == true)
            {
                writer.WriteStringValue("stopOnFirstFailure");
            }

            if (request.CpuBudgetMs is { } cpuBudgetMs)
            {
                writer.WriteStringValue("cpuBudgetMs");
                writer.WriteNumberValue(cpuBudgetMs);
            }

            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteSources(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? sources)
    {
        if (sources is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (path, text) in sources.OrderBy(source => source.Key, StringComparer.Ordinal))
        {
            writer.WriteString(path, text);
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement? json)
    {
        if (json is not { } element || element.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
            return;
        }

        WriteCanonical(writer, element);
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(property => property.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
