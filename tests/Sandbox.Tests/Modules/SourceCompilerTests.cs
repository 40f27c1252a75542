using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>
/// The operator's compiler (seed: <c>compilerModulePath</c>, or a .NET <see cref="ISourceCompiler"/>) transforms
/// every module source before parsing, once per distinct input; its failures are SyntaxError faults.
/// </summary>
public sealed class SourceCompilerTests : IDisposable
{
    private readonly TestCodeRoot _root = new TestCodeRoot()
        .With("index.js", "module.exports.f = (a, b) => a + b; module.exports.g = (a, b) => require('./lib/other').h(a, b);")
        .With("lib/other.js", "module.exports.h = (a, b) => a + b + require('../data.json').n;")
        .With("data.json", "{ \"n\": 1 }");

    private readonly TestCodeRoot _hooks = new();

    [Fact]
    public void A_compiler_that_replaces_plus_with_times_changes_what_runs()
    {
        var harness = Scripted("module.exports = (code) => code.replace(/\\+/g, '*');");

        Assert.Equal("6", harness.Run(_root.Run("index.js", "f", "[2, 3]")).ResultJson);
    }

    [Fact]
    public void Every_required_module_is_compiled_but_json_is_not()
    {
        var harness = Scripted("module.exports = (code) => code.replace(/\\+/g, '*');");

        // (2 * 3) * 1: the JSON data is read as data, not passed through the compiler.
        Assert.Equal("6", harness.Run(_root.Run("index.js", "g", "[2, 3]")).ResultJson);
    }

    [Fact]
    public void The_compiler_gets_root_relative_file_names()
    {
        var compiler = new CountingCompiler();

        new LoaderHarness(compiler: compiler).Run(_root.Run("index.js", "g", "[1, 1]"));

        Assert.Equal(["index.js", "lib/other.js"], compiler.FileNames);
    }

    [Fact]
    public void The_same_source_is_compiled_once_across_runs()
    {
        var compiler = new CountingCompiler();
        var harness = new LoaderHarness(compiler: compiler);

        var (first, second) = harness.RunTwice(_root.Run("index.js", "g", "[1, 1]"));

        Assert.Equal("3", first.ResultJson);
        Assert.Equal("3", second.ResultJson);
        Assert.Equal(2, compiler.FileNames.Count);
    }

    [Fact]
    public void A_changed_source_is_compiled_again()
    {
        using var code = new TestCodeRoot().With("index.js", "module.exports.f = () => 1;");
        var compiler = new CountingCompiler();
        var harness = new LoaderHarness(new SandboxOptions { SourceCacheRevalidateInterval = TimeSpan.Zero }, compiler: compiler);

        var first = harness.Run(code.Run("index.js", "f"));
        code.With("index.js", "module.exports.f = () => 2;");
        var second = harness.Run(code.Run("index.js", "f"));

        Assert.Equal(("1", "2"), (first.ResultJson, second.ResultJson));
        Assert.Equal(2, compiler.FileNames.Count);
    }

    public static TheoryData<string, string> FailingScriptCompilers => new()
    {
        { "module.exports = () => { throw new Error('cannot transpile'); };", "Error: cannot transpile" },
        { "module.exports = () => 42;", "it returned a number, not source text" },
        { "module.exports = {};", "the compiler module does not export a function (code, filename) => code" },
        { "module.exports = (", "SyntaxError: Unexpected end of input (compiler.js:1:19)" },
    };

    [Theory]
    [MemberData(nameof(FailingScriptCompilers))]
    public void A_failing_script_compiler_is_a_SyntaxError_fault_not_a_crash(string source, string detail)
    {
        var harness = Scripted(source);

        var outcome = harness.Run(_root.Run("index.js", "f", "[2, 3]"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Kind);
        Assert.Equal("SyntaxError", outcome.Name);
        Assert.Equal("The compiler failed for 'index.js': " + detail, outcome.Message);
    }

    [Fact]
    public void A_dotnet_compiler_that_throws_is_a_SyntaxError_fault()
    {
        var harness = new LoaderHarness(compiler: new CountingCompiler(_ => throw new InvalidOperationException("unsupported syntax")));

        var outcome = harness.Run(_root.Run("index.js", "f", "[2, 3]"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Kind);
        Assert.Equal("The compiler failed for 'index.js': unsupported syntax", outcome.Message);
    }

    [Fact]
    public void Compiler_output_that_does_not_parse_is_a_SyntaxError_naming_the_file()
    {
        var harness = new LoaderHarness(compiler: new CountingCompiler(code => code + "\n)"));

        var outcome = harness.Run(_root.Run("index.js", "f", "[2, 3]"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Kind);
        Assert.Equal("Unexpected token ')' (index.js:2:1)", outcome.Message);
    }

    [Fact]
    public void A_compiler_that_never_returns_is_stopped_by_the_runs_deadline()
    {
        var harness = Scripted("module.exports = () => { for (;;) {} };").WithTimeout(TimeSpan.FromMilliseconds(300));

        Assert.Equal(RunErrorKind.Timeout, harness.Run(_root.Run("index.js", "f", "[2, 3]")).Kind);
    }

    public void Dispose()
    {
        _root.Dispose();
        _hooks.Dispose();
    }

    private LoaderHarness Scripted(string source)
    {
        _hooks.With("compiler.js", source);
        return new LoaderHarness(new SandboxOptions { CompilerModulePath = Path.Combine(_hooks.Path, "compiler.js") });
    }

    private sealed class CountingCompiler(Func<string, string>? transform = null) : ISourceCompiler
    {
        public List<string> FileNames { get; } = [];

        public string Compile(string code, string fileName)
        {
            FileNames.Add(fileName);
            return transform is null ? code : transform(code);
        }
    }
}
