using System.Text.Encodings.Web;
using System.Text.Json;

namespace IsolatedRuntime.Cli.Output;

/// <summary>Compact, one-line JSON as the CLI prints it: non-ASCII text stays readable rather than escaped.</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes one JSON value with <paramref name="write"/> and returns it as a single line.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, _writerOptions))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
