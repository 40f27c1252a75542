using System.Text.Json;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>The seed library's module tests, ported, end to end through <see cref="JsSandbox.RunAsync"/>.</summary>
public sealed class SeedModuleSuiteTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    private const string _lodash = "module.exports = { chunk: (a, n) => { const out = []; for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n)); return out; } };";

    [Fact]
    public async Task Lodash_from_node_modules_is_denied_without_external()
    {
        using var root = LodashRoot();

        var outcome = await Sandbox.RunAsync(root.Run("index.js", "chunk"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal("Cannot find module 'lodash'", outcome.Error?.Message);
    }

    [Fact]
    public async Task Lodash_from_node_modules_is_allowed_with_external()
    {
        using var root = LodashRoot();

        var outcome = await Sandbox.RunAsync(root.Run("index.js", "chunk").WithExternal("lodash"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("[[1,2],[3]]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Relative_requires_across_files_work()
    {
        using var root = new TestCodeRoot()
            .With("module1.js", "const m2 = require('./module2.js'); module.exports.run = (a, b) => m2.mul(a, b);")
            .With("module2.js", "module.exports.mul = (a, b) => a * b;");

        var outcome = await Sandbox.RunAsync(root.Run("module1.js", "run", "[3, 4]"));

        Assert.Equal("12", outcome.Result?.ToJsonString());
    }

    [Fact]
    public async Task A_module_with_a_custom_extension_loads()
    {
        using var root = new TestCodeRoot()
            .With("index.js", "module.exports.f = () => require('./aModule').name;")
            .With("aModule.jx", "module.exports.name = 'custom extension';");
        await using var sandbox = new JsSandbox(new SandboxOptions { SourceExtensions = ["jx", "js"] });

        var outcome = await sandbox.RunAsync(root.Run("index.js", "f"));

        Assert.Equal("\"custom extension\"", outcome.Result?.ToJsonString());
    }

    [Fact]
    public async Task A_compiler_replacing_plus_with_times_changes_the_result()
    {
        using var hooks = new TestCodeRoot().With("compiler.js", "module.exports = (code) => code.replace(/\\+/g, '*');");
        using var root = new TestCodeRoot().With("index.js", "module.exports.sum = (a, b) => a + b;");
        await using var sandbox = new JsSandbox(new SandboxOptions { CompilerModulePath = Path.Combine(hooks.Path, "compiler.js") });

        var outcome = await sandbox.RunAsync(root.Run("index.js", "sum", "[2, 3]"));

        Assert.Equal("6", outcome.Result?.ToJsonString());
    }

    [Fact]
    public async Task A_resolver_factory_with_an_additional_modules_path_resolves_external_packages()
    {
        using var hooks = new TestCodeRoot().With(
            "resolver.js",
            "const path = require('path');\nmodule.exports = (resolverOptions) => (name) => path.join(resolverOptions.additionalModulesPath, name);");
        using var additional = new TestCodeRoot().With("lodash/index.js", _lodash);
        using var root = new TestCodeRoot().With("index.js", "module.exports.chunk = () => require('lodash').chunk([1, 2, 3, 4], 3);");
        await using var sandbox = new JsSandbox(new SandboxOptions { ResolverModulePath = Path.Combine(hooks.Path, "resolver.js") });
        var run = root.Run("index.js", "chunk")
            .WithExternal("lodash")
            .WithWhitelist(additional.Path)
            .WithResolverOptions($"{{ \"additionalModulesPath\": {JsonSerializer.Serialize(additional.Path)} }}");

        var outcome = await sandbox.RunAsync(run);

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("[[1,2,3],[4]]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Require_fs_is_ModuleNotFound()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => require('fs').readFileSync('/etc/passwd');"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal("Cannot find module 'fs'", outcome.Error?.Message);
    }

    [Fact]
    public async Task Another_roots_file_by_absolute_path_is_ModuleNotFound()
    {
        using var other = new TestCodeRoot().With("secret.js", "module.exports = 'secret';");
        using var root = new TestCodeRoot().With("index.js", "module.exports.f = (p) => require(p);");
        var request = Path.Combine(other.Path, "secret.js");

        var outcome = await Sandbox.RunAsync(root.Run("index.js", "f", $"[{JsonSerializer.Serialize(request)}]"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal($"Cannot find module '{request}'", outcome.Error?.Message);
        Assert.DoesNotContain(root.Path, outcome.Error!.Stack ?? "", StringComparison.Ordinal);
    }

    private static TestCodeRoot LodashRoot() => new TestCodeRoot()
        .With("index.js", "module.exports.chunk = () => require('lodash').chunk([1, 2, 3], 2);")
        .With("node_modules/lodash/package.json", "{ \"main\": \"lodash.js\" }")
        .With("node_modules/lodash/lodash.js", _lodash);
}
