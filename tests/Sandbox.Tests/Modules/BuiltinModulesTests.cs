using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>Built-in modules are offered from an allow-list; host-touching ones never are.</summary>
public sealed class BuiltinModulesTests
{
    /// <summary>Expressions over <c>path</c> and what Node 20's <c>path.posix</c> answers (checked with node).</summary>
    public static TheoryData<string, string> PathCalls => new()
    {
        { "path.join('/a/b', '../c', './d.js')", "\"/a/c/d.js\"" },
        { "path.join('a', '', 'b/')", "\"a/b/\"" },
        { "path.join()", "\".\"" },
        { "path.normalize('/a//b/../c/.')", "\"/a/c\"" },
        { "path.normalize('../../x')", "\"../../x\"" },
        { "path.resolve('/srv', 'a', '../b')", "\"/srv/b\"" },
        { "path.resolve('x/y')", "\"/x/y\"" },
        { "path.relative('/a/b/c', '/a/d')", "\"../../d\"" },
        { "path.dirname('/a/b/c.js')", "\"/a/b\"" },
        { "path.dirname('a')", "\".\"" },
        { "path.basename('/a/b/c.test.js', '.js')", "\"c.test\"" },
        { "path.extname('archive.tar.gz')", "\".gz\"" },
        { "path.extname('.bashrc')", "\"\"" },
        { "path.isAbsolute('a/b')", "false" },
        { "path.parse('/home/u/file.txt')", "{\"root\":\"/\",\"dir\":\"/home/u\",\"base\":\"file.txt\",\"ext\":\".txt\",\"name\":\"file\"}" },
        { "path.format({ dir: '/x', name: 'y', ext: 'js' })", "\"/x/y.js\"" },
        { "path.sep + path.delimiter", "\"/:\"" },
        { "path.posix === path", "true" },
        { "(() => { try { path.join(1); } catch (e) { return [e.name, e.code]; } })()", "[\"TypeError\",\"ERR_INVALID_ARG_TYPE\"]" },
    };

    [Theory]
    [MemberData(nameof(PathCalls))]
    public void Path_answers_like_nodes_posix_path(string expression, string expected)
    {
        using var code = new CodeTree().With("index.js", $"const path = require('path'); module.exports.f = () => {expression};");

        Assert.Equal(expected, Run(code, "f").ResultJson);
    }

    [Fact]
    public void Path_resolves_against_the_virtual_root_so_results_can_be_required()
    {
        using var code = new CodeTree()
            .With("lib/a.js", "const path = require('node:path'); module.exports.f = () => require(path.resolve(__dirname, '../data/b')).v;")
            .With("data/b.js", "module.exports.v = 'found';");

        Assert.Equal("\"found\"", Run(code, "f", "lib/a.js").ResultJson);
    }

    [Fact]
    public void A_builtin_is_one_object_per_run_under_all_its_names()
    {
        using var code = new CodeTree().With(
            "index.js",
            "module.exports.f = () => { const p = require('path'); const before = p.marked; p.marked = 1; return [before === undefined, p === require('node:path'), p === require('path/posix')]; };");
        var harness = new LoaderHarness();

        var (first, second) = harness.RunTwice(code.Run(CodeStorage.Disk, "index.js", "f"));

        Assert.Equal("[true,true,true]", first.ResultJson);
        Assert.Equal("[true,true,true]", second.ResultJson);
    }

    [Fact]
    public void A_builtin_left_off_the_allow_list_is_not_found()
    {
        using var code = new CodeTree().With("index.js", "module.exports.f = () => require('path');");

        var outcome = Run(code, "f", options: new SandboxOptions { AllowedBuiltinModules = [] });

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal("Cannot find module 'path'", outcome.Message);
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("node:zlib")]
    public void Pure_builtins_not_yet_implemented_are_not_found(string name)
    {
        using var code = new CodeTree().With("index.js", $"module.exports.f = () => require('{name}');");

        Assert.Equal($"Cannot find module '{name}'", Run(code, "f").Message);
    }

    [Fact]
    public void Host_modules_on_the_allow_list_are_still_never_offered()
    {
        using var code = new CodeTree().With("index.js", "module.exports.f = () => require('fs');");

        var outcome = Run(code, "f", options: new SandboxOptions { AllowedBuiltinModules = ["path", "fs", "child_process"] });

        Assert.Equal("Cannot find module 'fs'", outcome.Message);
    }

    [Fact]
    public void An_allow_list_naming_an_unknown_module_is_a_configuration_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new LoaderHarness(new SandboxOptions { AllowedBuiltinModules = ["path", "utils"] }));

        Assert.Equal(
            "SandboxOptions.AllowedBuiltinModules lists 'utils', which this sandbox does not implement. Implemented: path, buffer, events, assert, assert/strict, querystring, string_decoder, util, url, crypto, stream, stream/promises, punycode, process, timers, timers/promises. (Parameter 'allowed')",
            error.Message);
    }

    [Fact]
    public void The_default_allow_list_is_exactly_what_is_implemented()
    {
        Assert.Equal(
            [
                "path", "util", "events", "assert", "assert/strict", "buffer", "url", "querystring", "string_decoder", "crypto",
                "stream", "stream/promises", "timers", "timers/promises", "punycode", "process",
            ],
            new SandboxOptions().AllowedBuiltinModules);
    }

    private static LoaderOutcome Run(CodeTree code, string funcName, string file = "index.js", SandboxOptions? options = null) =>
        new LoaderHarness(options).Run(code.Run(CodeStorage.Inline, file, funcName));
}
