using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>
/// Long flat expressions: Jint refuses any syntax tree deeper than 256 levels, and a chain of string literals joined by
/// <c>+</c> is as deep as it is long, although Node (and the sandbox's own nesting guard) accept it. Such chains are
/// folded into one literal; other over-deep trees get a message saying what to split; truly deep sources still meet
/// the guard.
/// </summary>
public sealed class FlatChainTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    [Theory]
    [InlineData(780, false)]
    [InlineData(780, true)]
    [InlineData(2_000, false)]
    public async Task A_long_chain_of_string_literals_runs_as_in_node(int count, bool acrossLines)
    {
        var literals = Enumerable.Range(0, count).Select(i => (i % 3) switch { 0 => $"'a\"{i}'", 1 => $"\"b'{i}\"", _ => $"'c\\n{i}'" });
        var chain = string.Join(acrossLines ? " +\n  " : " + ", literals);
        var expected = string.Concat(Enumerable.Range(0, count).Select(i => (i % 3) switch { 0 => $"a\"{i}", 1 => $"b'{i}", _ => $"c\n{i}" }));

        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {{ const s = {chain}; return [s, new Error('x').stack.split('\\n')[1].trim()]; }};"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(expected, outcome.Result![0]!.GetValue<string>());
        Assert.Equal($"at index.js:{(acrossLines ? count : 1)}:", outcome.Result[1]!.GetValue<string>()[..$"at index.js:{(acrossLines ? count : 1)}:".Length]);
    }

    [Fact]
    public async Task Code_after_a_folded_chain_keeps_its_line_and_column()
    {
        var chain = string.Join(" + ", Enumerable.Range(0, 400).Select(i => $"'{i}'"));

        var source = $"const s = {chain}; module.exports.f = () => {{ throw new Error('here'); }};";

        var outcome = await Sandbox.RunAsync(Runs.Inline(source));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Contains($"index.js:1:{source.IndexOf("new Error", StringComparison.Ordinal) + 1}", outcome.Error.Stack, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> OverDeepShapes => new()
    {
        { "identifiers joined by +", "module.exports.f = (a) => " + string.Join(" + ", Enumerable.Repeat("a", 300)) + ";" },
        { "else-if chain", "module.exports.f = (x) => { " + string.Concat(Enumerable.Range(0, 300).Select(i => $"if (x === {i}) return {i}; else ")) + "return -1; };" },
        { "method chain", "module.exports.f = () => [0]" + string.Concat(Enumerable.Range(0, 300).Select(i => $".concat([{i}])")) + ".length;" },
    };

    [Theory]
    [MemberData(nameof(OverDeepShapes))]
    public async Task Other_flat_shapes_over_the_engines_limit_are_a_syntax_error_that_says_what_to_split(string label, string source)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(source));

        Assert.True(outcome.Error?.Kind == RunErrorKind.SyntaxError, $"{label}: {outcome.Error?.Kind}");
        Assert.Contains("nested more than 256 levels deep inside one function", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("split that expression or statement", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_run_of_literals_before_code_is_folded_and_computes_as_in_node()
    {
        // ((('0' + '1') + …) + x) + '2': the literals left of x are a chain of their own; what follows x is not regrouped.
        var chain = string.Join(" + ", Enumerable.Range(0, 300).Select(i => i == 200 ? "x" : $"'{i % 10}'"));

        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = (x) => {chain};", argsJson: "[1]"));

        var expected = string.Concat(Enumerable.Range(0, 300).Select(i => i == 200 ? "1" : (i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(expected, outcome.Result!.GetValue<string>());
    }

    [Fact]
    public async Task Literals_after_code_in_an_over_deep_chain_are_not_regrouped()
    {
        // x + x + '0' + … may not become x + x + '01…' in general (1 + 2 + '3' is '33'), so it stays refused.
        var chain = "x + x + " + string.Join(" + ", Enumerable.Range(0, 300).Select(i => $"'{i % 10}'"));

        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = (x) => {chain};", argsJson: "[1]"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Error!.Kind);
    }

    [Fact]
    public async Task Truly_deep_sources_still_meet_the_nesting_guard()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => " + new string('(', 5_000) + "'a' + 'b'" + new string(')', 5_000) + ";"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Error!.Kind);
        Assert.Contains("The limit is 1000", outcome.Error.Message, StringComparison.Ordinal);
    }
}
