using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>CommonJS as in Node, the same from a root folder and from inline sources.</summary>
public sealed class CommonJsTests
{
    public static TheoryData<CodeStorage> Storages => [CodeStorage.Disk, CodeStorage.Inline];

    [Theory]
    [MemberData(nameof(Storages))]
    public void Module_exports_and_exports_both_export_functions(CodeStorage storage)
    {
        using var code = new CodeTree().With(
            "index.js",
            "exports.a = () => 1; module.exports.b = () => 2; module.exports.both = () => exports.a() + module.exports.b();");

        Assert.Equal("3", Completed(code.Run(storage, "index.js", "both")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Relative_requires_across_files_work(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("module1.js", "const m2 = require('./module2.js'); module.exports.f = (a, b) => m2.mul(a, b);")
            .With("module2.js", "module.exports.mul = (a, b) => a * b;");

        Assert.Equal("6", Completed(code.Run(storage, "module1.js", "f", "[2, 3]")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Requires_climb_to_parent_folders(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => require('./lib/deep/a').value;")
            .With("lib/deep/a.js", "module.exports.value = require('../../shared/b').value + 1;")
            .With("shared/b.js", "module.exports.value = 41;");

        Assert.Equal("42", Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Source_extensions_are_probed_in_the_configured_order(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => require('./aModule').name;")
            .With("aModule.jx", "module.exports.name = 'jx';")
            .With("aModule.js", "module.exports.name = 'js';");
        var harness = new LoaderHarness(new SandboxOptions { SourceExtensions = ["jx", "js"] });

        Assert.Equal("\"jx\"", Completed(code.Run(storage, "index.js", "f"), harness));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void A_custom_extension_module_can_be_the_entry(CodeStorage storage)
    {
        using var code = new CodeTree().With("aModule.jx", "module.exports.f = () => 'from jx';");
        var harness = new LoaderHarness(new SandboxOptions { SourceExtensions = ["jx", "js"] });

        Assert.Equal("\"from jx\"", Completed(code.Run(storage, "aModule.jx", "f"), harness));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Files_without_a_source_extension_are_not_loadable(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => require('./notes.txt');")
            .With("notes.txt", "module.exports = 1;");

        var outcome = new LoaderHarness().Run(code.Run(storage, "index.js", "f"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal("Cannot find module './notes.txt'", outcome.Message);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void A_folder_loads_its_index(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => [require('./lib').name, require('./lib/').name];")
            .With("lib/index.js", "module.exports.name = 'lib index';");

        Assert.Equal("[\"lib index\",\"lib index\"]", Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void A_folder_with_a_package_json_loads_its_main(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => [require('./pkg').name, require('./pkg2').name, require('./pkg3').name];")
            .With("pkg/package.json", "{ \"name\": \"pkg\", \"main\": \"dist/main.js\" }")
            .With("pkg/dist/main.js", "module.exports.name = 'main with extension';")
            .With("pkg2/package.json", "{ \"main\": \"./lib/entry\" }")
            .With("pkg2/lib/entry.js", "module.exports.name = 'main without extension';")
            .With("pkg3/package.json", "{ \"main\": \"src\" }")
            .With("pkg3/src/index.js", "module.exports.name = 'main naming a folder';");

        Assert.Equal(
            "[\"main with extension\",\"main without extension\",\"main naming a folder\"]",
            Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void A_broken_package_json_is_a_clear_ModuleNotFound(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => require('./pkg');")
            .With("pkg/package.json", "{ main: ")
            .With("pkg/index.js", "module.exports = 1;");

        var outcome = new LoaderHarness().Run(code.Run(storage, "index.js", "f"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal("Cannot find module './pkg': pkg/package.json is not a valid JSON object; fix the package's manifest", outcome.Message);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Json_modules_load_as_data_by_their_full_name(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => require('./data.json').items.length;")
            .With("data.json", "{ \"items\": [1, 2, 3] }");

        Assert.Equal("3", Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Json_is_not_probed_unless_listed_as_a_source_extension(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => require('./data');")
            .With("data.json", "{}");

        Assert.Equal(RunErrorKind.ModuleNotFound, new LoaderHarness().Run(code.Run(storage, "index.js", "f")).Kind);
        Assert.Equal("{}", Completed(code.Run(storage, "index.js", "f"), new LoaderHarness(new SandboxOptions { SourceExtensions = ["js", "json"] })));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Invalid_json_is_a_SyntaxError_naming_the_file(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => require('./conf/data.json');")
            .With("conf/data.json", "{ \"a\": }");

        var outcome = new LoaderHarness().Run(code.Run(storage, "index.js", "f"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Kind);
        Assert.Equal("SyntaxError", outcome.Name);
        Assert.Contains("(conf/data.json)", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Filename_and_dirname_are_virtual_paths_from_the_root(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "module.exports.f = () => [__filename, __dirname, require('./lib/a').where];")
            .With("lib/a.js", "module.exports.where = [__filename, __dirname];");

        Assert.Equal("[\"/index.js\",\"/\",[\"/lib/a.js\",\"/lib\"]]", Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Absolute_requests_are_read_from_the_virtual_root(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("lib/a.js", "module.exports.f = () => [require(__dirname + '/b').v, require('/lib/b.js').v];")
            .With("lib/b.js", "module.exports.v = 'b';");

        Assert.Equal("[\"b\",\"b\"]", Completed(code.Run(storage, "lib/a.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Cycles_see_partial_exports_like_node(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("a.js", "exports.early = 1; const b = require('./b'); exports.late = 2; exports.f = () => [b.seen, require('./b').a.late];")
            .With("b.js", "const a = require('./a'); exports.seen = JSON.stringify(a); exports.a = a;");

        Assert.Equal("[\"{\\\"early\\\":1}\",2]", Completed(code.Run(storage, "a.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void A_module_is_evaluated_once_per_run(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "require('./counted'); require('./counted.js'); require('/counted'); module.exports.f = () => globalThis.evaluations;")
            .With("counted.js", "globalThis.evaluations = (globalThis.evaluations || 0) + 1;");

        Assert.Equal("1", Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Each_run_gets_a_fresh_module_cache(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "const counter = require('./counter'); module.exports.f = () => counter.next();")
            .With("counter.js", "let n = 0; module.exports.next = () => ++n;");
        var harness = new LoaderHarness();

        var (first, second) = harness.RunTwice(code.Run(storage, "index.js", "f"));

        Assert.Equal("1", first.ResultJson);
        Assert.Equal("1", second.ResultJson);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void The_module_object_describes_the_module(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", """
                const loadedWhileRunning = module.loaded;
                const child = require('./lib/child');
                module.exports.f = () => [module.id, module.filename, module.path, loadedWhileRunning, require.main === module, child];
                """)
            .With("lib/child.js", "module.exports = [module.id, module.loaded, require.main.id, this === module.exports];");

        Assert.Equal(
            "[\".\",\"/index.js\",\"/\",false,true,[\"/lib/child.js\",false,\".\",true]]",
            Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Require_resolve_returns_virtual_paths(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("lib/a.js", "module.exports.f = () => [require.resolve('./b'), require.resolve('../lib'), require.resolve('path')];")
            .With("lib/b.js", "")
            .With("lib/index.js", "");

        Assert.Equal("[\"/lib/b.js\",\"/lib/index.js\",\"path\"]", Completed(code.Run(storage, "lib/a.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void A_missing_module_is_a_catchable_error_with_nodes_code(CodeStorage storage)
    {
        using var code = new CodeTree().With(
            "index.js",
            "module.exports.f = () => { try { require('./missing'); } catch (e) { return [e instanceof Error, e.code, e.message]; } };");

        Assert.Equal("[true,\"MODULE_NOT_FOUND\",\"Cannot find module './missing'\"]", Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void A_module_that_throws_while_loading_is_tried_again_on_the_next_require(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", """
                module.exports.f = () => {
                  try { require('./flaky'); } catch (e) { }
                  return require('./flaky').ok;
                };
                """)
            .With("flaky.js", "globalThis.tries = (globalThis.tries || 0) + 1; if (globalThis.tries === 1) throw new Error('first'); exports.ok = globalThis.tries;");

        Assert.Equal("2", Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public void Module_code_may_use_strict_mode_a_hashbang_and_an_early_return(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "#!/usr/bin/env node\n'use strict';\nconst strict = (function () { return this === undefined; })();\nmodule.exports.f = () => strict && require('./early').v;")
            .With("early.js", "module.exports.v = 'early';\nreturn;\nmodule.exports.v = 'late';");

        Assert.Equal("\"early\"", Completed(code.Run(storage, "index.js", "f")));
    }

    [Theory]
    [InlineData("require(42)", "The \"id\" argument must be of type string. Received type number")]
    [InlineData("require()", "The \"id\" argument must be of type string. Received undefined")]
    [InlineData("require('')", "The argument 'id' must be a non-empty string. Received ''")]
    public void Require_without_a_name_is_the_scripts_own_TypeError(string call, string message)
    {
        using var code = new CodeTree().With("index.js", $"module.exports.f = () => {call};");

        var outcome = new LoaderHarness().Run(code.Run(CodeStorage.Disk, "index.js", "f"));

        Assert.Equal(RunErrorKind.UserError, outcome.Kind);
        Assert.Equal("TypeError", outcome.Name);
        Assert.Equal(message, outcome.Message);
    }

    [Fact]
    public void A_missing_entry_file_is_ModuleNotFound()
    {
        using var code = new CodeTree().With("index.js", "");

        var outcome = new LoaderHarness().Run(code.Run(CodeStorage.Disk, "main.js", "f"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal("Cannot find module 'main.js'", outcome.Message);
    }

    private static string? Completed(RunOptions run, LoaderHarness? harness = null)
    {
        var outcome = (harness ?? new LoaderHarness()).Run(run);
        Assert.True(outcome.IsCompleted, outcome.ToString());
        return outcome.ResultJson;
    }
}
