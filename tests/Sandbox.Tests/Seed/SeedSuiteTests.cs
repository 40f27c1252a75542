using System.Diagnostics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Seed;

/// <summary>The seed library's own test suite (the parts about running functions), ported.</summary>
public sealed class SeedSuiteTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 2, MaxThreads = 2 } })
{
    [Fact]
    public async Task Sync_function_returns_its_result()
    {
        using var root = new TestCodeRoot().With("index.js", "module.exports.mul = (a, b) => a * b;");

        var outcome = await Sandbox.RunAsync(root.Run("index.js", "mul", "[6, 7]"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(42, outcome.Result!.GetValue<long>());
    }

    [Fact]
    public async Task Async_function_result_is_awaited()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.mul = (a, b) => Promise.resolve(a * b);", "mul", "[6, 7]"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(42, outcome.Result!.GetValue<long>());
    }

    [Theory]
    [InlineData("module.exports.f = () => { throw new Error('Boom!'); };")]
    [InlineData("module.exports.f = () => Promise.reject(new Error('Boom!'));")]
    [InlineData("module.exports.f = async () => { await null; throw new Error('Boom!'); };")]
    public async Task Thrown_or_rejected_error_keeps_its_message(string source)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(source));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Equal("Error", outcome.Error.Name);
        Assert.Equal("Boom!", outcome.Error.Message);
    }

    [Fact]
    public async Task Missing_function_is_FunctionNotFound_naming_it()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.other = () => 1;", "missing"));

        Assert.Equal(RunErrorKind.FunctionNotFound, outcome.Error!.Kind);
        Assert.Contains("'missing'", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains("index.js", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("global.a")]
    [InlineData("globalThis.a")]
    public async Task Context_values_are_globals(string expression)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {expression};", contextJson: "{\"a\": {\"b\": [1, \"x\"]}}"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("{\"b\":[1,\"x\"]}", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Reference_to_an_undefined_name_is_an_error()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = (a) => a + ccccc;", argsJson: "[1]"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Equal("ReferenceError", outcome.Error.Name);
        Assert.Contains("ccccc", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_sleeping_past_its_timeout_is_Timeout()
    {
        var run = Runs.Inline(
            "module.exports.sleep = () => new Promise(r => setTimeout(r, 5000));",
            "sleep",
            timeout: TimeSpan.FromMilliseconds(1500));

        var clock = Stopwatch.StartNew();
        var outcome = await Sandbox.RunAsync(run);

        Assert.Equal(RunErrorKind.Timeout, outcome.Error!.Kind);
        Assert.Equal("'sleep' in index.js ran past its 1500 ms budget", outcome.Error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(1400), TimeSpan.FromMilliseconds(4500));
    }

    [Fact]
    public async Task Two_runs_proceed_in_parallel()
    {
        var slow = Sandbox.RunAsync(Runs.Inline(
            "module.exports.sleep = (ms) => new Promise(r => setTimeout(() => r('slept'), ms));", "sleep", "[1000]"));
        var fast = Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { const start = Date.now(); return Date.now() - start; };"));

        var fastOutcome = await fast;
        Assert.False(slow.IsCompleted);
        Assert.True(fastOutcome.IsCompleted, fastOutcome.Error?.Message);
        Assert.True(fastOutcome.Result!.GetValue<long>() < 1000);
        Assert.Equal("slept", (await slow).Result!.GetValue<string>());
    }

    [Fact]
    public async Task Process_exit_is_an_error_not_an_exit()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => process.exit(1);"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Contains("process.exit() is not available", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Global_set_in_one_run_is_invisible_in_the_next()
    {
        var first = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => { global.a = 1; return a; };"));
        var second = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => typeof a;"));

        Assert.Equal(1, first.Result!.GetValue<long>());
        Assert.Equal("undefined", second.Result!.GetValue<string>());
    }

    [Fact]
    public async Task Console_log_is_captured()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => { console.log('hello', 42, { a: [1] }); console.error('bad'); };"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(
            [new ConsoleEntry("log", "hello 42 { a: [ 1 ] }"), new ConsoleEntry("error", "bad")],
            outcome.Logs);
    }

    [Fact]
    public async Task Stack_across_files_shows_script_frames_with_root_relative_names()
    {
        using var root = new TestCodeRoot()
            .With("entry.js", "const second = require('./lib/second');\nmodule.exports.entry = () => second();\n")
            .With("lib/second.js", "const explode = require('./explode');\nmodule.exports = function second() {\n  return explode();\n};\n")
            .With("lib/explode.js", "module.exports = function explode() {\n  throw new Error('kaboom');\n};\n");

        var outcome = await Sandbox.RunAsync(root.Run("entry.js", "entry"));

        var stack = outcome.Error!.Stack!;
        Assert.StartsWith("Error: kaboom\n", stack, StringComparison.Ordinal);
        var frames = stack.Split('\n')[1..];
        Assert.True(frames.Length == 3, stack);
        Assert.Contains("explode (lib/explode.js:2:", frames[0], StringComparison.Ordinal);
        Assert.Contains("second (lib/second.js:3:", frames[1], StringComparison.Ordinal);
        Assert.Contains("entry.js:2:", frames[2], StringComparison.Ordinal);
        Assert.DoesNotContain(root.Path, stack, StringComparison.Ordinal);
    }
}
