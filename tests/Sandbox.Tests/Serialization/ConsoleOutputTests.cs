using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Serialization;

/// <summary>console.* lines look like Node's, and no logged value can hang, throw or flood the host.</summary>
public sealed class ConsoleOutputTests() : SandboxTest(new SandboxOptions { MaxLogBytes = 4096 })
{
    [Theory]
    [InlineData("'plain', 'strings'", "plain strings")]
    [InlineData("1, -0, 2n, true, null, undefined", "1 -0 2n true null undefined")]
    [InlineData("{ a: 1, 'b-c': 'x', d: [1, 'two'], e: { f: { g: { h: 1 } } } }", "{ a: 1, 'b-c': 'x', d: [ 1, 'two' ], e: { f: { g: [Object] } } }")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    [InlineData("'%s is %d years and %i days, %f%%', 'Bob', 42.5, 3.9, '1.5'", "Bob is 42.5 years and 3 days, 1.5%")]
    [InlineData("'%j and %o', { a: [1] }, [2]", "{\"a\":[1]} and [ 2 ]")]
    [InlineData("'%s', { a: 1 }, 'extra'", "{ a: 1 } extra")]
    [InlineData("'%c styled', 'color: red'", " styled")]
    [InlineData("'no args %s'", "no args %s")]
    [InlineData("function named() {}, () => 1, class K {}", "[Function: named] [Function (anonymous)] [Function: K]")]
    [InlineData("Symbol('s'), [Symbol('t')]", "Symbol(s) [ Symbol(t) ]")]
    [InlineData("new (class Point { constructor() { this.x = 1; } })()", "Point { x: 1 }")]
    [InlineData("Object.create(null)", "[Object: null prototype] {}")]
    [InlineData("{ get g() { throw new Error('getter ran'); }, set s(v) {} }", "{ g: [Getter], s: [Setter] }")]
    [InlineData("(() => { const a = { name: 'a' }; a.self = a; return a; })()", "{ name: 'a', self: [Circular] }")]
    [InlineData("Array.from({ length: 102 }, (_, i) => i).slice(99)", "[ 99, 100, 101 ]")]
    [InlineData("'it\\'s', ['it\\'s']", "it's [ 'it\\'s' ]")]
    [InlineData("[1, , , 4], new Array(3)", "[ 1, <2 empty items>, 4 ] [ <3 empty items> ]")]
    [InlineData("new Date(0), new Date(NaN)", "1970-01-01T00:00:00.000Z Invalid Date")]
    [InlineData("/a+b/gi", "/a+b/gi")]
    [InlineData("new Map([['k', { v: 1 }]]), new Set([1, 'two'])", "Map(1) { 'k' => { v: 1 } } Set(2) { 1, 'two' }")]
    [InlineData("new Uint8Array([1, 2, 3]), new Map()", "Uint8Array(3) [ 1, 2, 3 ] Map(0) {}")]
    [InlineData("{ id: 7, [Symbol.for('nodejs.util.inspect.custom')]() { return `Order#${this.id}`; } }", "Order#7")]
    [InlineData("{ loop: { [Symbol.for('nodejs.util.inspect.custom')]() { return { loop: this }; } } }", "{ loop: { loop: { loop: [Object] } } }")]
    [InlineData("(() => { const hooked = () => ({ [Symbol.for('nodejs.util.inspect.custom')]: hooked }); return hooked(); })()", "[Object]")]
    public async Task Logged_values_are_formatted_like_node(string args, string line)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {{ console.log({args}); }};"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(line, Assert.Single(outcome.Logs).Message);
    }

    [Fact]
    public async Task Long_arrays_show_the_first_hundred_items()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => { console.log(Array.from({ length: 150 }, () => 0)); };"));

        Assert.EndsWith("0, ... 50 more items ]", Assert.Single(outcome.Logs).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new Array(8000000).fill(0)", "[ 0, 0, 0", "... 7999900 more items ]")]
    [InlineData("new Float64Array(4000000)", "Float64Array(4000000) [ 0, 0", "... 3999900 more items ]")]
    [InlineData("(() => { const a = [1]; a.length = 4e9; return a; })()", "[ 1, <", "more items ]")]
    [InlineData("new Map(Array.from({ length: 1000 }, (_, i) => [i, i]))", "Map(1000) { 0 => 0, 1 => 1", "... 900 more items }")]
    public async Task Huge_values_are_shown_without_walking_them(string expression, string start, string end)
    {
        // What is shown is the point here, not the memory limit: an 8-million-slot array is about the default 64 MB
        // budget, which runs of other tests beside it on the same heap could tip over.
        var run = new RunOptions
        {
            Sources = new Dictionary<string, string> { ["index.js"] = $"module.exports.f = () => {{ console.log({expression}); }};" },
            File = "index.js",
            FuncName = "f",
            Timeout = TimeSpan.FromSeconds(10),
            MemoryLimitBytes = 256L * 1024 * 1024,
        };
        var outcome = await Sandbox.RunAsync(run);

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        var line = Assert.Single(outcome.Logs).Message;
        Assert.StartsWith(start, line, StringComparison.Ordinal);
        Assert.EndsWith(end, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_logged_with_their_stack()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => {\n  console.warn(new TypeError('bad thing'));\n};"));

        var entry = Assert.Single(outcome.Logs);
        Assert.Equal("warn", entry.Level);
        Assert.StartsWith("TypeError: bad thing\n    at ", entry.Message, StringComparison.Ordinal);
        Assert.Contains("index.js:2:", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_console_method_records_its_level()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { console.log(1); console.info(2); console.warn(3); console.error(4); console.debug(5); };"));

        Assert.Equal(["log", "info", "warn", "error", "debug"], outcome.Logs.Select(l => l.Level));
    }

    [Fact]
    public async Task Output_past_the_cap_is_dropped_after_one_notice()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { for (let i = 0; i < 10000; i++) console.log('line', i, { i }); return 'survived'; };"));

        Assert.Equal("survived", outcome.Result!.GetValue<string>());
        Assert.InRange(outcome.Logs.Sum(l => System.Text.Encoding.UTF8.GetByteCount(l.Message)), 4000, 4096 + 200);
        Assert.Single(outcome.Logs, l => l.Message.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains("4,096-byte", outcome.Logs[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_survive_a_fault()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => { console.log('before'); throw new Error('after'); };"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Equal([new ConsoleEntry("log", "before")], outcome.Logs);
    }

    [Fact]
    public async Task Logs_survive_a_timeout()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { console.log('started'); while (true) {} };", timeout: TimeSpan.FromMilliseconds(100)));

        Assert.Equal(RunErrorKind.Timeout, outcome.Error!.Kind);
        Assert.Equal([new ConsoleEntry("log", "started")], outcome.Logs);
    }
}
