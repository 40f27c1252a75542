using IsolatedRuntime.Cli.Tests.Fixtures;

namespace IsolatedRuntime.Cli.Tests;

/// <summary><c>run</c> without <c>--json</c>: the result as JSON on stdout, or <c>Kind: message</c> on stderr.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task A_completed_run_prints_its_result_as_json_and_exits_0()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "add", "--args", "[2, 3]");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Equal(["5"], cli.StdoutLines);
    }

    [Fact]
    public async Task A_batch_prints_one_line_per_item_and_its_logs_on_stderr()
    {
        var batchFile = Path.Combine(Path.GetTempPath(), $"batch-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(batchFile, """[["Ada"], ["Bob"]]""");
        try
        {
            var cli = await CommandLine.RunExampleAsync("hello", "greet", "--args-batch", "@" + batchFile);

            Assert.Equal(ExitCodes.Completed, cli.ExitCode);
            Assert.Equal(["[0] \"Hello, Ada!\"", "[1] \"Hello, Bob!\""], cli.StdoutLines);
            Assert.Contains("[1] greeting Bob", cli.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(batchFile);
        }
    }

    [Fact]
    public async Task A_batch_with_a_faulted_item_exits_1_and_names_the_fault_on_its_line()
    {
        var cli = await CommandLine.RunExampleAsync("errors", "nested", "--args-batch", "[[], []]", "--stop-on-first-failure");

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        Assert.StartsWith("[0] UserError: ", cli.StdoutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("[1] Skipped: ", cli.StdoutLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_output_goes_to_stderr_so_stdout_holds_only_the_result()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "greet", "--args", """["Ada"]""");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Equal(["\"Hello, Ada!\""], cli.StdoutLines);
        Assert.Contains("greeting Ada", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_promise_is_awaited_before_its_value_is_printed()
    {
        var cli = await CommandLine.RunExampleAsync("async", "double", "--args", "[21]");

        Assert.Equal(["42"], cli.StdoutLines);
    }

    [Fact]
    public async Task Relative_requires_across_files_resolve_inside_the_root()
    {
        var cli = await CommandLine.RunExampleAsync("modules", "area", "--args", "[3, 4]");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Equal(["\"area = 12 m²\""], cli.StdoutLines);
    }

    [Fact]
    public async Task A_warm_run_answers_as_a_cold_one()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "add", "--args", "[2, 3]", "--warm");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Equal(["5"], cli.StdoutLines);
    }

    [Fact]
    public async Task An_ES_module_entry_runs_its_exported_function()
    {
        var cli = await CommandLine.InvokeAsync("run", "--root", CommandLine.Examples("esm"), "--file", "index.mjs", "--func", "run", "--args", "[3, 4]");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Equal(["\"rectangle: area 12 cm², perimeter 14 cm\""], cli.StdoutLines);
    }

    [Fact]
    public async Task FuncName_default_runs_an_ES_module_default_export()
    {
        var cli = await CommandLine.InvokeAsync("run", "--root", CommandLine.Examples("esm"), "--file", "index.mjs", "--func", "default");

        Assert.Equal(["\"ES module example\""], cli.StdoutLines);
    }

    [Fact]
    public async Task Context_globals_reach_the_function()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "greet", "--args", """["Ada"]""", "--context", """{"greeting": "Bonjour"}""");

        Assert.Equal(["\"Bonjour, Ada!\""], cli.StdoutLines);
    }

    [Fact]
    public async Task A_thrown_error_exits_1_with_kind_and_message_on_stderr()
    {
        var cli = await CommandLine.RunExampleAsync("errors", "fail", "--args", """["Boom!"]""");

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        Assert.StartsWith("UserError: ", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("Boom!", cli.Stderr.Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal("", cli.Stdout);
    }

    [Fact]
    public async Task A_missing_function_is_FunctionNotFound()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "nope");

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        Assert.StartsWith("FunctionNotFound: ", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("nope", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_loop_is_stopped_by_its_timeout()
    {
        var cli = await CommandLine.RunExampleAsync("loop", "spin", "--timeout", "200");

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        Assert.StartsWith("Timeout: ", cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_root_is_a_fault_that_names_no_host_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ir-cli-missing-" + Guid.NewGuid().ToString("N"));

        var cli = await CommandLine.InvokeAsync("run", "--root", missing, "--file", "index.js", "--func", "add");

        Assert.Equal(ExitCodes.Faulted, cli.ExitCode);
        Assert.StartsWith("InvalidRequest: ", cli.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), cli.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scoped_external_name_is_a_module_name_not_a_response_file()
    {
        var cli = await CommandLine.RunExampleAsync("hello", "add", "--args", "[1, 1]", "--external", "@scope/pkg");

        Assert.Equal(ExitCodes.Completed, cli.ExitCode);
        Assert.Equal(["2"], cli.StdoutLines);
    }
}
