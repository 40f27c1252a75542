using System.Globalization;
using System.Text.Json;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Cli.Output;

/// <summary>
/// Prints a run's outcome. Plain: the result as JSON on stdout, or <c>Kind: message</c> on stderr, console logs on
/// stderr; for a batch, one line per item on stdout (<c>[i] result</c> or <c>[i] Kind: message</c>). JSON: exactly one
/// object on stdout, holding everything (a batch's items under <c>items</c>).
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

        if (reply.Items is { } items)
        {
            WritePlainItems(items, console);
            return;
        }

        console.Out.WriteLine(JsonText.Write(writer => WriteResult(writer, reply.Completed!.Result)));
    }

    /// <summary>True when the run completed and, for a batch, every item did.</summary>
    public static bool AllCompleted(RunReply reply) => reply.IsCompleted && (reply.Items?.All(item => item.Error is null) ?? true);

    private static void WritePlainItems(IReadOnlyList<BatchItemOutcome> items, CliConsole console)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var label = string.Create(CultureInfo.InvariantCulture, $"[{i}]");
            foreach (var entry in item.Logs)
            {
                console.Error.WriteLine($"{label} {entry.Message}");
            }

            console.Out.WriteLine(item.Error is { } error
                ? $"{label} {error.Kind}: {error.Message}"
                : $"{label} {JsonText.Write(writer => WriteResult(writer, item.Result))}");
        }
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
            WriteError(writer, error.Kind, error.ErrorName, error.Message, error.Stack);
        }
        else
        {
            writer.WriteString("status", "completed");
            if (reply.Items is { } items)
            {
                writer.WriteStartArray("items");
                foreach (var item in items)
                {
                    WriteItem(writer, item);
                }

                writer.WriteEndArray();
            }
            else
            {
                writer.WritePropertyName("result");
                WriteResult(writer, reply.Completed!.Result);
            }
        }

        WriteLogs(writer, reply.Logs);
        writer.WriteNumber("durationMs", Math.Round(reply.DurationMs, 3));
        writer.WriteNumber("cpuMs", Math.Round(reply.CpuMs, 3));
        if (identified)
        {
            writer.WriteString("correlationId", reply.CorrelationId);
            writer.WriteBoolean("fromCache", reply.FromCache);
            writer.WriteString("workerId", reply.WorkerId);
        }

        writer.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter writer, BatchItemOutcome item)
    {
        writer.WriteStartObject();
        if (item.Error is { } error)
        {
            WriteError(writer, error.Kind, error.ErrorName, error.Message, error.Stack);
        }
        else
        {
            writer.WriteString("status", "completed");
            writer.WritePropertyName("result");
            WriteResult(writer, item.Result);
        }

        WriteLogs(writer, item.Logs);
        writer.WriteNumber("durationMs", Math.Round(item.DurationMs, 3));
        writer.WriteNumber("cpuMs", Math.Round(item.CpuMs, 3));
        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, RunErrorKind kind, string name, string message, string? stack)
    {
        writer.WriteString("status", "faulted");
        writer.WriteStartObject("error");
        writer.WriteString("kind", kind.ToString());
        writer.WriteString("name", name);
        writer.WriteString("message", message);
        writer.WriteString("stack", stack);
        writer.WriteEndObject();
    }

    private static void WriteLogs(Utf8JsonWriter writer, IReadOnlyList<ConsoleEntry> logs)
    {
        writer.WriteStartArray("logs");
        foreach (var entry in logs)
        {
            writer.WriteStartObject();
            writer.WriteString("level", entry.Level);
            writer.WriteString("message", entry.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
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
