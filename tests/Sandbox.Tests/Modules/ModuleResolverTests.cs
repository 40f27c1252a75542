using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>
/// The operator's resolver (seed: <c>resolverModulePath</c>, or a .NET <see cref="IModuleResolver"/>) is asked for
/// packages listed in <c>external</c>; its answers are still held to the jail, and its failures are faults.
/// </summary>
public sealed class ModuleResolverTests : IDisposable
{
    private readonly TestCodeRoot _root = new TestCodeRoot()
        .With("index.js", "module.exports.load = (name) => require(name); module.exports.leak = () => typeof globalThis.resolverLeak;")
        .With("node_modules/local/index.js", "module.exports = 'from node_modules';");

    private readonly TestCodeRoot _modules = new TestCodeRoot()
        .With("lodash/package.json", "{ \"main\": \"lodash.js\" }")
        .With("lodash/lodash.js", "module.exports = { VERSION: 'resolved' };");

    private readonly TestCodeRoot _hooks = new();

    [Fact]
    public void A_resolver_factory_resolves_external_packages_from_an_additional_modules_path()
    {
        var harness = Scripted("""
            const path = require('path');
            module.exports = (resolverOptions) => (name) => path.join(resolverOptions.additionalModulesPath, name);
            """);
        var run = _root.Run("index.js", "load", "[\"lodash\"]")
            .WithExternal("lodash")
            .WithWhitelist(_modules.Path)
            .WithResolverOptions($"{{ \"additionalModulesPath\": {System.Text.Json.JsonSerializer.Serialize(_modules.Path)} }}");

        Assert.Equal("{\"VERSION\":\"resolved\"}", harness.Run(run).ResultJson);
    }

    [Fact]
    public void A_resolver_answer_outside_the_jail_is_ModuleNotFound()
    {
        var harness = Scripted($"module.exports = () => () => {System.Text.Json.JsonSerializer.Serialize(Path.Combine(_modules.Path, "lodash"))};");

        var outcome = harness.Run(_root.Run("index.js", "load", "[\"lodash\"]").WithExternal("lodash"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal("Cannot find module 'lodash'", outcome.Message);
    }

    [Fact]
    public void A_null_answer_falls_back_to_node_modules()
    {
        var harness = Scripted("module.exports = () => () => null;");

        Assert.Equal("\"from node_modules\"", harness.Run(_root.Run("index.js", "load", "[\"local\"]").WithExternal("local")).ResultJson);
    }

    [Fact]
    public void The_resolver_is_asked_only_for_external_packages()
    {
        var resolver = new RecordingResolver(_ => null);
        var harness = new LoaderHarness(resolver: resolver);

        harness.Run(_root.Run("index.js", "load", "[\"local\"]"));
        harness.Run(_root.Run("index.js", "load", "[\"./index\"]"));
        harness.Run(_root.Run("index.js", "load", "[\"path\"]").WithExternal("path"));
        harness.Run(_root.Run("index.js", "load", "[\"local\"]").WithExternal("local"));

        Assert.Equal(["local"], resolver.Requests);
    }

    [Fact]
    public void A_dotnet_resolver_gets_the_host_folder_and_the_runs_resolver_options()
    {
        using var code = new TestCodeRoot().With("src/fn.js", "module.exports.f = () => require('lodash').VERSION;");
        var resolver = new RecordingResolver(_ => Path.Combine(_modules.Path, "lodash"));
        var run = code.Run("src/fn.js", "f").WithExternal("lodash").WithWhitelist(_modules.Path).WithResolverOptions("{ \"tenant\": 7 }");

        var outcome = new LoaderHarness(resolver: resolver).Run(run);

        Assert.Equal("\"resolved\"", outcome.ResultJson);
        Assert.Equal(Path.Combine(code.Path, "src"), resolver.Directories.Single());
        Assert.Equal(code.Path, resolver.Contexts.Single().Root);
        Assert.Equal(7, (int)resolver.Contexts.Single().ResolverOptions!["tenant"]!);
    }

    [Fact]
    public void Inline_sources_give_the_resolver_their_virtual_folder()
    {
        var resolver = new RecordingResolver(_ => null);
        var run = new RunOptions
        {
            Sources = new Dictionary<string, string> { ["lib/fn.js"] = "module.exports.f = () => { try { require('x'); } catch { } };" },
            File = "lib/fn.js",
            FuncName = "f",
            External = ["x"],
        };

        new LoaderHarness(resolver: resolver).Run(run);

        Assert.Equal(["/lib"], resolver.Directories);
    }

    public static TheoryData<string, string> FailingScriptResolvers => new()
    {
        { "module.exports = () => () => { throw new TypeError('no such tenant'); };", "TypeError: no such tenant" },
        { "module.exports = () => { throw new Error('bad options'); };", "Error: bad options" },
        { "module.exports = () => () => 42;", "it returned a number, not a path or null" },
        { "module.exports = () => () => 'relative/path';", "it returned 'relative/path', which is not a full path; return a full path or null" },
        { "module.exports = () => 'not a function';", "the resolver factory returned a string, not a function; export (resolverOptions) => (name, fromDir) => path | null" },
        { "module.exports = 1;", "the resolver module does not export a factory (resolverOptions) => (name, fromDir) => path | null" },
        { "module.exports = () => (", "SyntaxError: Unexpected end of input (resolver.js:1:25)" },
        { "require('fs');", "Error: Cannot find module 'fs'" },
        { "module.exports = () => function again() { return again(); };", "" },
    };

    [Theory]
    [MemberData(nameof(FailingScriptResolvers))]
    public void A_failing_script_resolver_is_a_ModuleNotFound_fault_not_a_crash(string source, string detail)
    {
        var harness = Scripted(source);

        var outcome = harness.Run(_root.Run("index.js", "load", "[\"lodash\"]").WithExternal("lodash"));
        var next = harness.Run(_root.Run("index.js", "load", "[\"./index\"]"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.True(outcome.Message!.StartsWith("The module resolver failed for 'lodash': " + detail, StringComparison.Ordinal), outcome.Message);
        Assert.True(next.IsCompleted, next.ToString());
    }

    [Fact]
    public void A_dotnet_resolver_that_throws_is_a_fault_whose_message_hides_host_paths()
    {
        var resolver = new RecordingResolver(directory => throw new IOException($"cannot read {directory}/registry.json"));

        var outcome = new LoaderHarness(resolver: resolver).Run(_root.Run("index.js", "load", "[\"lodash\"]").WithExternal("lodash"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal("The module resolver failed for 'lodash': cannot read /registry.json", outcome.Message);
    }

    [Fact]
    public void A_resolver_failure_is_catchable_by_the_script()
    {
        var harness = Scripted("module.exports = () => () => { throw new Error('down'); };");
        using var code = new TestCodeRoot().With("index.js", "module.exports.f = () => { try { return require('lodash'); } catch (e) { return e.code; } };");

        Assert.Equal("\"MODULE_NOT_FOUND\"", harness.Run(code.Run("index.js", "f").WithExternal("lodash")).ResultJson);
    }

    [Fact]
    public void A_resolver_that_never_returns_is_stopped_by_the_runs_deadline()
    {
        var harness = Scripted("module.exports = () => () => { while (true) {} };").WithTimeout(TimeSpan.FromMilliseconds(300));

        var outcome = harness.Run(_root.Run("index.js", "load", "[\"lodash\"]").WithExternal("lodash"));

        Assert.Equal(RunErrorKind.Timeout, outcome.Kind);
    }

    [Fact]
    public void The_resolver_runs_in_an_engine_of_its_own()
    {
        var harness = Scripted("globalThis.resolverLeak = 'seen'; module.exports = () => () => null;");
        using var code = new TestCodeRoot().With(
            "index.js",
            "module.exports.f = () => { try { require('lodash'); } catch { } return [typeof resolverLeak, typeof globalThis.userSecret]; };");

        Assert.Equal("[\"undefined\",\"undefined\"]", harness.Run(code.Run("index.js", "f").WithExternal("lodash")).ResultJson);
    }

    [Fact]
    public void A_script_resolver_and_a_dotnet_resolver_cannot_both_be_configured()
    {
        var path = _hooks.With("resolver.js", "module.exports = () => () => null;").Path + "/resolver.js";

        var error = Assert.Throws<ArgumentException>(() => new LoaderHarness(new SandboxOptions { ResolverModulePath = path }, new RecordingResolver(_ => null)));

        Assert.Contains("ResolverModulePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_resolver_module_is_a_configuration_error_without_its_path()
    {
        var path = Path.Combine(_hooks.Path, "missing.js");

        var error = Assert.Throws<ArgumentException>(() => new LoaderHarness(new SandboxOptions { ResolverModulePath = path }));

        Assert.Contains("SandboxOptions.ResolverModulePath names no existing file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_hooks.Path, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _root.Dispose();
        _modules.Dispose();
        _hooks.Dispose();
    }

    private LoaderHarness Scripted(string source)
    {
        _hooks.With("resolver.js", source);
        return new LoaderHarness(new SandboxOptions { ResolverModulePath = Path.Combine(_hooks.Path, "resolver.js") });
    }

    private sealed class RecordingResolver(Func<string, string?> answer) : IModuleResolver
    {
        public List<string> Requests { get; } = [];

        public List<string> Directories { get; } = [];

        public List<ModuleResolutionContext> Contexts { get; } = [];

        public string? Resolve(string request, string fromDirectory, ModuleResolutionContext context)
        {
            Requests.Add(request);
            Directories.Add(fromDirectory);
            Contexts.Add(context);
            return answer(fromDirectory);
        }
    }
}
