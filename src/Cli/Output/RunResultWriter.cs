using System.Text.Json;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Cli.Output;

/// <summary>
/// Prints a run's outcome. Plain: the result as JSON on stdout, or <c>Kind: message</c> on stderr, console logs on
/// stderr. JSON: exactly one object on stdout, holding everything.
/// </summary>
internal static class RunResultWriter
{
    public static void WritePlain(RunReply reply, CliConsole console)
    {
        foreach (var entry in reply.Logs)
        {
            console.Error.WriteLine(entry.Message);
        }

        if (reply.Faulted is { } error)
        {
            console.Error.WriteLine($"{error.Kind}: {error.Message}");
            if (!string.IsNullOrEmpty(error.Stack))
            {
                console.Error.WriteLine(error.Stack);
            }

            return;
        }

        console.Out.WriteLine(JsonText.Write(writer => WriteResult(writer, reply.Completed!.Result)));
    }

    /// <param name="reply">The answer.</param>
    /// <param name="identified">Whether to print its correlation id, cache use and worker.</param>
    /// <param name="console">Where to print.</param>
    public static void WriteJson(RunReply reply, bool identified, CliConsole console) =>
        console.Out.WriteLine(JsonText.Write(writer => Write(writer, reply, identified)));

    private static void Write(Utf8JsonWriter writer, RunReply reply, bool identified)
    {
        writer.WriteStartObject();
        if (reply.Faulted is { } error)
        {
            writer.WriteString("status", "faulted");
            writer.WriteStartObject("error");
            writer.WriteString("kind", error.Kind.ToString());
            writer.WriteString("name", error.ErrorName);
            writer.WriteString("message", error.Message);
            writer.WriteString("stack", error.Stack);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("status", "completed");
            writer.WritePropertyName("result");
            WriteResult(writer, reply.Completed!.Result);
        }

        writer.WriteStartArray("logs");
        foreach (var entry in reply.Logs)
        {
            writer.WriteStartObject();
            writer.WriteString("level", entry.Level);
            writer.WriteString("message", entry.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("durationMs", Math.Round(reply.DurationMs, 3));
        if (identified)
        {
            writer.WriteString("correlationId", reply.CorrelationId);
            writer.WriteBoolean("fromCache", reply.FromCache);
            writer.WriteString("workerId", reply.WorkerId);
        }

        writer.WriteEndObject();
    }

    // Written as the fleet sent it: no parse into a node and back.
    private static void WriteResult(Utf8JsonWriter writer, JsonElement? result)
    {
        if (result is { ValueKind: not JsonValueKind.Undefined } element)
        {
            element.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
