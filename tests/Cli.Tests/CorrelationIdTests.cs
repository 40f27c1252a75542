using System.Text.Json;
using IsolatedRuntime.Cli.Tests.Fixtures;

namespace IsolatedRuntime.Cli.Tests;

/// <summary><c>run --correlation-id</c>: the run goes under that id, and <c>--json</c> then names it, the cache use and the worker.</summary>
public sealed class CorrelationIdTests
{
    [Fact]
    public async Task A_run_with_a_correlation_id_names_it_in_its_json_with_fromCache_and_workerId()
    {
        var id = Guid.NewGuid();

        var cli = await CommandLine.RunExampleAsync("hello", "add", "--args", "[2, 3]", "--json", "--correlation-id", id.ToString());

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        var json = JsonDocument.Parse(cli.Stdout).RootElement;
        Assert.Equal(5, json.GetProperty("result").GetInt32());
        Assert.Equal(id, json.GetProperty("correlationId").GetGuid());
        Assert.False(json.GetProperty("fromCache").GetBoolean());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("workerId").GetString()));
    }

    [Fact]
    public async Task A_correlation_id_that_is_not_a_guid_is_a_usage_error()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "add", "--correlation-id", "not-a-guid");

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
    }
}
