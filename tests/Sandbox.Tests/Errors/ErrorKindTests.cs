using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Errors;

/// <summary>
/// Each way a run fails maps to its own kind, with a message naming the function, file and limit, and no engine or
/// host detail. (Whether each limit holds is tests/Sandbox.Tests/Limits' concern; this is only about how its fault is reported.)
/// </summary>
public sealed class ErrorKindTests() : SandboxTest(new SandboxOptions { MemoryLimitBytes = 16 * 1024 * 1024, MaxRecursionDepth = 500 })
{
    public static TheoryData<string, RunErrorKind, string, string> Failures => new()
    {
        { "function f() { return f() + 1; } module.exports.f = f;", RunErrorKind.RecursionLimit, "RangeError", "'f' in index.js nested calls deeper than the limit of 500" },
        { "module.exports.f = () => 'x'.repeat(2 ** 28).length;", RunErrorKind.MemoryLimit, "MemoryLimitError", "'f' in index.js used more than its 16 MB memory budget" },
        { "module.exports.f = () => { while (true) {} };", RunErrorKind.Timeout, "TimeoutError", "'f' in index.js ran past its 200 ms budget" },
        { "module.exports.f = () => { throw new TypeError('typed'); };", RunErrorKind.UserError, "TypeError", "typed" },
        { "class MyError extends Error { constructor() { super('mine'); this.name = 'MyError'; } } module.exports.f = () => { throw new MyError(); };", RunErrorKind.UserError, "MyError", "mine" },
        { "module.exports.f = () => { throw new RangeError('Maximum call stack size exceeded'); };", RunErrorKind.RecursionLimit, "RangeError", "Maximum call stack size exceeded" },
        { "module.exports = 5;", RunErrorKind.FunctionNotFound, "TypeError", "index.js does not export it" },
        { "module.exports.f = 'not callable';", RunErrorKind.FunctionNotFound, "TypeError", "exports it as 'not callable', not a function" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Failure_maps_to_its_kind_with_a_message_that_names_the_run(string source, RunErrorKind kind, string name, string messagePart)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(source, timeout: TimeSpan.FromMilliseconds(200)));

        Assert.Equal(kind, outcome.Error!.Kind);
        Assert.Equal(name, outcome.Error.Name);
        Assert.Contains(messagePart, outcome.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Jint", outcome.Error.Stack ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_thrown_at_module_top_level_is_a_user_error_with_its_line()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("const x = 1;\nthrow new Error('at load');\n"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Equal("at load", outcome.Error.Message);
        Assert.Contains("index.js:2:", outcome.Error.Stack, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("const E = Error; globalThis.Error = null; RangeError.prototype.name = 'Nope'; throw new E('still reported');", "still reported")]
    [InlineData("const e = new Error('x'); Object.defineProperty(e, 'message', { get() { throw 1; } }); Object.defineProperty(e, 'name', { get() { while (true) {} } }); throw e;", "")]
    public async Task Tampered_errors_are_still_reported_without_running_their_getters(string body, string message)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {{ {body} }};"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Equal("Error", outcome.Error.Name);
        Assert.Equal(message, outcome.Error.Message);
    }
}
