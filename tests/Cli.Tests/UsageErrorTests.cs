using IsolatedRuntime.Cli.Tests.Fixtures;

namespace IsolatedRuntime.Cli.Tests;

/// <summary>A command line that cannot be understood runs nothing, exits 2 and says what to fix on stderr.</summary>
public sealed class UsageErrorTests
{
    private static readonly string _hello = CommandLine.Examples("hello");

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { [], "Required command was not provided" },
        { ["run", "--root", _hello, "--file", "index.js"], "'--func' is required" },
        { ["run", "--file", "index.js", "--func", "add"], "'--root' is required" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--args", "[2,"], "--args is not valid JSON" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--args", "2, 3"], "--args is not valid JSON" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--args", """{"a": 1}"""], "--args must be a JSON array, not an object" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--context", "[1]"], "--context must be a JSON object, not an array" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--resolver-options", "{oops}"], "--resolver-options is not valid JSON" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--timeout", "0"], "--timeout must be greater than zero" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--timeout", "soon"], "--timeout must be a whole number, not 'soon'" },
        { ["bench", "--root", _hello, "--file", "index.js", "--func", "add", "--count", "1e3", "--concurrency", "2"], "--count must be a whole number" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--memory", "-1"], "--memory must be greater than zero" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--threads", "0"], "--threads must be greater than zero" },
        { ["run", "--root", "", "--file", "index.js", "--func", "add"], "--root must not be empty" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--bogus"], "--bogus" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--redis", "localhost:6379"], "--redis is the fleet's result store and needs --broker" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--queue", "orders"], "--queue names the fleet's queue and needs --broker" },
        { ["run", "--root", "hello", "--file", "index.js", "--func", "add", "--broker", "amqp://u:p@localhost/", "--queue", ""], "--queue must not be empty" },
        { ["run", "--root", "hello", "--file", "index.js", "--func", "add", "--broker", "amqp://localhost", "--threads", "2"], "--threads configures the embedded sandbox" },
        { ["run", "--root", "hello", "--file", "index.js", "--func", "add", "--broker", "amqp://localhost", "--resolver", "r.js"], "IsolatedRuntime__Sandbox__ResolverModulePath" },
        { ["bench", "--root", _hello, "--file", "index.js", "--func", "add", "--concurrency", "2"], "'--count' is required" },
        { ["bench", "--root", _hello, "--file", "index.js", "--func", "add", "--count", "0", "--concurrency", "2"], "--count must be greater than zero" },
        { ["bench", "--root", _hello, "--file", "index.js", "--func", "add", "--count", "5", "--concurrency", "-3"], "--concurrency must be greater than zero" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--args", "[1]", "--args-batch", "[[1]]"], "--args and --args-batch cannot be used together" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--args-batch", "[[1], 2]"], "--args-batch item 1 is not an argument array" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--args-batch", """{"a": 1}"""], "--args-batch must be a JSON array, not an object" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--args-batch", "@/no/such/batch.json"], "the file cannot be read" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--stop-on-first-failure"], "--stop-on-first-failure applies to a batch and needs --args-batch" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--cpu-budget", "0"], "--cpu-budget must be greater than zero" },
        { ["run", "--root", _hello, "--file", "index.js", "--func", "add", "--max-queue-age", "-5"], "--max-queue-age must be greater than zero" },
        { ["cancel", "--broker", "amqp://localhost"], "'--correlation-id' is required" },
        { ["cancel", "--correlation-id", "not-a-guid", "--broker", "amqp://localhost"], "not-a-guid" },
        { ["cancel", "--correlation-id", "0d9f1c3e-5b7a-4c2e-9f10-3a8b6c4d2e11"], "'--broker' is required" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_bad_command_line_exits_2_with_a_message_naming_the_problem(string[] args, string expected)
    {
        var cli = await CommandLine.InvokeAsync(args);

        Assert.Equal(ExitCodes.Usage, cli.ExitCode);
        Assert.Contains(expected, cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", cli.Stderr, StringComparison.Ordinal);
        Assert.Equal("", cli.Stdout);
    }

    [Fact]
    public async Task Bad_json_in_args_shows_a_working_example()
    {
        var cli = await CommandLine.InvokeAsync("run", "--root", _hello, "--file", "index.js", "--func", "add", "--args", "[2,");

        Assert.Contains("--args '[2, 3]'", cli.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("bench")]
    public async Task Help_lists_the_options_on_stdout_and_exits_0(string command)
    {
        var cli = await CommandLine.InvokeAsync(command, "--help");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Contains("--root", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("--json", cli.Stdout, StringComparison.Ordinal);
    }
}
