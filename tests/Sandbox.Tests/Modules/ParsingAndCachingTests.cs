using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>Sources parse once, report their errors by file and line, and are re-read only after revalidation.</summary>
public sealed class ParsingAndCachingTests
{
    [Fact]
    public void A_syntax_error_is_a_SyntaxError_with_file_and_line()
    {
        using var code = new TestCodeRoot()
            .With("index.js", "module.exports.f = () => require('./lib/bad');")
            .With("lib/bad.js", "// a comment\nconst ok = 1;\nconst x = ;\n");

        var outcome = new LoaderHarness().Run(code.Run("index.js", "f"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Kind);
        Assert.Equal("SyntaxError", outcome.Name);
        Assert.Equal("Unexpected token ';' (lib/bad.js:3:11)", outcome.Message);
    }

    [Fact]
    public void A_syntax_error_on_the_first_line_reports_the_files_own_column()
    {
        using var code = new TestCodeRoot().With("index.js", "module.exports.f = () => 1; const = 2;");

        Assert.Equal("Unexpected token '=' (index.js:1:35)", new LoaderHarness().Run(code.Run("index.js", "f")).Message);
    }

    [Fact]
    public void A_syntax_error_is_catchable_by_the_requiring_module()
    {
        using var code = new TestCodeRoot()
            .With("index.js", "module.exports.f = () => { try { require('./bad'); } catch (e) { return [e.name, e instanceof SyntaxError]; } };")
            .With("bad.js", "a +* ccccc");

        Assert.Equal("[\"SyntaxError\",true]", new LoaderHarness().Run(code.Run("index.js", "f")).ResultJson);
    }

    [Theory]
    [InlineData("lib/deep.js", "module.exports = ", "1", "(", ")")]
    [InlineData("lib/deep.json", "", "0", "[", "]")]
    public void A_source_nested_too_deeply_to_parse_is_a_SyntaxError_naming_it(string file, string head, string core, string open, string close)
    {
        const int Depth = 100_000;
        using var code = new TestCodeRoot()
            .With("index.js", $"module.exports.f = () => require('./{file}');")
            .With(file, head + string.Concat(Enumerable.Repeat(open, Depth)) + core + string.Concat(Enumerable.Repeat(close, Depth)));

        var outcome = new LoaderHarness().Run(code.Run("index.js", "f"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Kind);
        Assert.StartsWith($"{file} nests ", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_that_closes_the_module_wrapper_does_not_run()
    {
        using var code = new TestCodeRoot()
            .With("index.js", "module.exports.f = () => { try { require('./escape'); } catch (e) { } return typeof globalThis.pwned; };")
            .With("escape.js", "}); globalThis.pwned = 1; (function () {");

        var harness = new LoaderHarness();
        var direct = harness.Run(code.Run("escape.js", "f"));

        Assert.Equal("\"undefined\"", harness.Run(code.Run("index.js", "f")).ResultJson);
        Assert.Equal(RunErrorKind.SyntaxError, direct.Kind);
        Assert.Equal("Unexpected token '}' (escape.js:1:1)", direct.Message);
    }

    [Fact]
    public void Stacks_show_root_relative_frames_with_right_lines()
    {
        using var code = new TestCodeRoot()
            .With("entry.js", "const second = require('./lib/second');\nmodule.exports.run = () => second.go();\n")
            .With("lib/second.js", "const { explode } = require('./explode');\nmodule.exports.go = function go() {\n  return explode();\n};\n")
            .With("lib/explode.js", "module.exports.explode = function explode() {\n  throw new Error('Boom!');\n};\n");

        var outcome = new LoaderHarness().Run(code.Run("entry.js", "run"));

        Assert.Equal("Boom!", outcome.Message);
        Assert.Contains("at explode (lib/explode.js:2:9)", outcome.Stack, StringComparison.Ordinal);
        Assert.Contains("at go (lib/second.js:3:10)", outcome.Stack, StringComparison.Ordinal);
        Assert.Contains("entry.js:2:", outcome.Stack, StringComparison.Ordinal);
        Assert.DoesNotContain(code.Path, outcome.Stack, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cached_file_is_not_read_again_before_revalidation()
    {
        using var code = new TestCodeRoot().With("index.js", "module.exports.f = () => 'first';");
        var harness = new LoaderHarness(new SandboxOptions { SourceCacheRevalidateInterval = TimeSpan.FromHours(1) });

        var before = harness.Run(code.Run("index.js", "f"));
        code.With("index.js", "module.exports.f = () => 'second';");
        var after = harness.Run(code.Run("index.js", "f"));

        Assert.Equal(("\"first\"", "\"first\""), (before.ResultJson, after.ResultJson));
    }

    [Fact]
    public void A_changed_file_is_seen_after_revalidation()
    {
        using var code = new TestCodeRoot().With("index.js", "module.exports.f = () => 'first';");
        var harness = new LoaderHarness(new SandboxOptions { SourceCacheRevalidateInterval = TimeSpan.Zero });

        var before = harness.Run(code.Run("index.js", "f"));
        code.With("index.js", "module.exports.f = () => 'second';").With("added.js", "");
        var after = harness.Run(code.Run("index.js", "f"));

        Assert.Equal(("\"first\"", "\"second\""), (before.ResultJson, after.ResultJson));
    }

    [Fact]
    public void A_file_over_the_source_size_limit_is_refused_by_name()
    {
        using var code = new TestCodeRoot()
            .With("index.js", "module.exports.f = () => require('./lib/big');")
            .With("lib/big.js", "// " + new string('x', 2_000));

        var outcome = new LoaderHarness(new SandboxOptions { MaxSourceBytes = 1_024 }).Run(code.Run("index.js", "f"));

        Assert.Equal(RunErrorKind.InvalidRequest, outcome.Kind);
        Assert.Equal(
            "The module 'lib/big.js' is larger than the 1024-byte limit per source file (SandboxOptions.MaxSourceBytes); split it into smaller modules.",
            outcome.Message);
    }

    [Fact]
    public void The_same_code_under_two_names_keeps_each_name_and_its_own_columns_in_stacks()
    {
        const string Thrower = "module.exports.f = () => { throw new Error('x'); };";
        using var code = new TestCodeRoot().With("a.js", Thrower).With("b.js", Thrower);
        var harness = new LoaderHarness();

        Assert.Contains("at a.js:1:34", harness.Run(code.Run("a.js", "f")).Stack, StringComparison.Ordinal);
        Assert.Contains("at b.js:1:34", harness.Run(code.Run("b.js", "f")).Stack, StringComparison.Ordinal);
    }
}
