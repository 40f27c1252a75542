using System.Text.Json;
using IsolatedRuntime.Cli.Backends;

namespace IsolatedRuntime.Cli.Output;

/// <summary>
/// Prints a run's outcome. Plain: the result as JSON on stdout, or <c>Kind: message</c> on stderr, console logs on
/// stderr. JSON: exactly one object on stdout, holding everything.
/// </summary>
internal static class RunResultWriter
{
    public static void WritePlain(CliRunResult result, CliConsole console)
    {
        foreach (var entry in result.Logs)
        {
            console.Error.WriteLine(entry.Message);
        }

        if (result.Error is { } error)
        {
            console.Error.WriteLine($"{error.Kind}: {error.Message}");
            if (!string.IsNullOrEmpty(error.Stack))
            {
                console.Error.WriteLine(error.Stack);
            }

            return;
        }

        console.Out.WriteLine(JsonText.Of(result.Result));
    }

    public static void WriteJson(CliRunResult result, CliConsole console) =>
        console.Out.WriteLine(JsonText.Write(writer => Write(writer, result)));

    private static void Write(Utf8JsonWriter writer, CliRunResult result)
    {
        writer.WriteStartObject();
        if (result.Error is { } error)
        {
            writer.WriteString("status", "faulted");
            writer.WriteStartObject("error");
            writer.WriteString("kind", error.Kind.ToString());
            writer.WriteString("name", error.Name);
            writer.WriteString("message", error.Message);
            writer.WriteString("stack", error.Stack);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("status", "completed");
            writer.WritePropertyName("result");
            if (result.Result is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                result.Result.WriteTo(writer);
            }
        }

        writer.WriteStartArray("logs");
        foreach (var entry in result.Logs)
        {
            writer.WriteStartObject();
            writer.WriteString("level", entry.Level);
            writer.WriteString("message", entry.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("durationMs", Math.Round(result.DurationMs, 3));
        WriteBackendFields(writer, result);
        writer.WriteEndObject();
    }

    // Fields only some backends know: printed when present, absent otherwise (never a made-up default).
    private static void WriteBackendFields(Utf8JsonWriter writer, CliRunResult result)
    {
        if (result.CorrelationId is { } correlationId)
        {
            writer.WriteString("correlationId", correlationId);
        }

        if (result.FromCache is { } fromCache)
        {
            writer.WriteBoolean("fromCache", fromCache);
        }

        if (result.WorkerId is { } workerId)
        {
            writer.WriteString("workerId", workerId);
        }
    }
}
