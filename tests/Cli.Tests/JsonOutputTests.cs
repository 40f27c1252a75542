using System.Text.Json;
using IsolatedRuntime.Cli.Tests.Fixtures;

namespace IsolatedRuntime.Cli.Tests;

/// <summary><c>run --json</c>: exactly one JSON object on stdout, of the documented shape, whatever happened.</summary>
public sealed class JsonOutputTests
{
    [Fact]
    public async Task A_completed_run_is_one_object_with_status_result_logs_and_duration()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "greet", "--args", """["Ada"]""", "--json");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        var json = SingleObject(cli);
        Assert.Equal(["status", "result", "logs", "durationMs", "cpuMs"], PropertyNames(json));
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal("Hello, Ada!", json.GetProperty("result").GetString());
        var log = Assert.Single(json.GetProperty("logs").EnumerateArray());
        Assert.Equal("log", log.GetProperty("level").GetString());
        Assert.Equal("greeting Ada", log.GetProperty("message").GetString());
        Assert.True(json.GetProperty("durationMs").GetDouble() >= 0);
        Assert.True(json.GetProperty("cpuMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_batch_is_one_object_with_an_outcome_per_item()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "add", "--args-batch", "[[1, 2], [3, 4], [5]]", "--json");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        var json = SingleObject(cli);
        Assert.Equal(["status", "items", "logs", "durationMs", "cpuMs"], PropertyNames(json));
        var items = json.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([3, 7], items[..2].Select(item => item.GetProperty("result").GetInt32()));
        Assert.Equal(["status", "result", "logs", "durationMs", "cpuMs"], PropertyNames(items[0]));
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task A_faulted_run_is_one_object_with_the_error_kind_name_message_and_stack()
    {
        var cli = await CommandLine.RunExampleAsync("errors", "nested", "--json");

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        var json = SingleObject(cli);
        Assert.Equal(["status", "error", "logs", "durationMs", "cpuMs"], PropertyNames(json));
        Assert.Equal("faulted", json.GetProperty("status").GetString());
        var error = json.GetProperty("error");
        Assert.Equal(["kind", "name", "message", "stack"], PropertyNames(error));
        Assert.Equal("UserError", error.GetProperty("kind").GetString());
        Assert.Equal("Error", error.GetProperty("name").GetString());
        Assert.Contains("deep", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("helper", error.GetProperty("stack").GetString(), StringComparison.Ordinal);
        Assert.Equal("", cli.Stderr);
    }

    [Fact]
    public async Task A_timeout_is_reported_with_kind_Timeout()
    {
        var cli = await CommandLine.RunExampleAsync("loop", "spin", "--timeout", "200", "--json");

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        Assert.Equal("Timeout", SingleObject(cli).GetProperty("error").GetProperty("kind").GetString());
    }

    private static JsonElement SingleObject(CliInvocation cli)
    {
        var line = Assert.Single(cli.StdoutLines);
        using var document = JsonDocument.Parse(line);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    private static string[] PropertyNames(JsonElement json) => [.. json.EnumerateObject().Select(property => property.Name)];
}
