using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>Packages load by bare name only when listed in <c>external</c>, from node_modules or whitelisted folders.</summary>
public sealed class ExternalModulesTests : IDisposable
{
    private const string _lodashLike = "module.exports = { VERSION: '4.17.21', chunk: (a, n) => { const out = []; for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n)); return out; } };";

    private readonly TestCodeRoot _root = new TestCodeRoot()
        .With("index.js", "module.exports.load = (name) => require(name); module.exports.chunk = () => require('lodash').chunk([1, 2, 3], 2);")
        .With("node_modules/lodash/package.json", "{ \"name\": \"lodash\", \"main\": \"lodash.js\" }")
        .With("node_modules/lodash/lodash.js", _lodashLike)
        .With("node_modules/lodash/fp/map.js", "module.exports = 'fp map';")
        .With("node_modules/@scope/tool/index.js", "module.exports = require('./lib/inner').name;")
        .With("node_modules/@scope/tool/lib/inner.js", "module.exports.name = 'scoped, with its own files';");

    private readonly TestCodeRoot _shared = new TestCodeRoot()
        .With("node_modules/leftpad/index.js", "module.exports = (s, n) => s.padStart(n);")
        .With("moment/index.js", "module.exports = 'moment from a modules folder';")
        .With("secret.js", "module.exports = 'not a package';");

    [Fact]
    public void A_package_in_node_modules_is_denied_without_external()
    {
        var outcome = new LoaderHarness().Run(_root.Run("index.js", "chunk"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal("Cannot find module 'lodash'", outcome.Message);
    }

    [Fact]
    public void A_package_in_node_modules_is_allowed_with_external()
    {
        var outcome = new LoaderHarness().Run(_root.Run("index.js", "chunk").WithExternal("lodash"));

        Assert.Equal("[[1,2],[3]]", outcome.ResultJson);
    }

    [Fact]
    public void Sub_paths_of_an_external_package_load()
    {
        var outcome = new LoaderHarness().Run(_root.Run("index.js", "load", "[\"lodash/fp/map\"]").WithExternal("lodash"));

        Assert.Equal("\"fp map\"", outcome.ResultJson);
    }

    [Fact]
    public void A_scoped_package_loads_and_requires_its_own_files()
    {
        var outcome = new LoaderHarness().Run(_root.Run("index.js", "load", "[\"@scope/tool\"]").WithExternal("@scope/tool"));

        Assert.Equal("\"scoped, with its own files\"", outcome.ResultJson);
    }

    [Fact]
    public void Node_modules_are_found_from_nested_folders_up_to_the_root()
    {
        using var code = new TestCodeRoot()
            .With("src/deep/fn.js", "module.exports.f = () => require('lodash').VERSION;")
            .With("node_modules/lodash/index.js", _lodashLike);

        var outcome = new LoaderHarness().Run(code.Run("src/deep/fn.js", "f").WithExternal("lodash"));

        Assert.Equal("\"4.17.21\"", outcome.ResultJson);
    }

    [Fact]
    public void Listing_one_package_does_not_allow_another()
    {
        var outcome = new LoaderHarness().Run(_root.Run("index.js", "load", "[\"@scope/tool\"]").WithExternal("lodash"));

        Assert.Equal("Cannot find module '@scope/tool'", outcome.Message);
    }

    [Fact]
    public void Bare_requests_with_dot_segments_are_not_found()
    {
        var outcome = new LoaderHarness().Run(_root.Run("index.js", "load", "[\"lodash/../@scope/tool\"]").WithExternal("lodash"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
    }

    [Fact]
    public void Node_core_names_never_come_from_node_modules()
    {
        using var code = new TestCodeRoot()
            .With("index.js", "module.exports.f = () => typeof require('util');")
            .With("node_modules/util/index.js", "module.exports = 'an npm shim';");

        var denied = new LoaderHarness(new SandboxOptions { AllowedBuiltinModules = [] }).Run(code.Run("index.js", "f").WithExternal("util"));
        var offered = new LoaderHarness().Run(code.Run("index.js", "f").WithExternal("util"));

        Assert.Equal("Cannot find module 'util'", denied.Message);
        Assert.Equal("\"object\"", offered.ResultJson);
    }

    [Fact]
    public void A_package_outside_the_root_loads_when_its_folder_is_whitelisted()
    {
        var run = _root.Run("index.js", "load", "[\"leftpad\"]").WithExternal("leftpad");

        var denied = new LoaderHarness().Run(run);
        var allowed = new LoaderHarness().Run(run.WithWhitelist(_shared.Path));

        Assert.Equal("Cannot find module 'leftpad'", denied.Message);
        Assert.True(allowed.IsCompleted, allowed.ToString());
    }

    [Fact]
    public void A_whitelisted_folder_may_be_the_package_itself_or_a_modules_folder()
    {
        var itself = _root.Run("index.js", "load", "[\"leftpad\"]")
            .WithExternal("leftpad")
            .WithWhitelist(Path.Combine(_shared.Path, "node_modules", "leftpad"));
        var modulesFolder = _root.Run("index.js", "load", "[\"moment\"]").WithExternal("moment").WithWhitelist(_shared.Path);

        Assert.True(new LoaderHarness().Run(itself).IsCompleted);
        Assert.Equal("\"moment from a modules folder\"", new LoaderHarness().Run(modulesFolder).ResultJson);
    }

    [Fact]
    public void Inline_sources_may_use_a_package_from_a_whitelisted_folder()
    {
        var run = new RunOptions
        {
            Sources = new Dictionary<string, string> { ["index.js"] = "module.exports.f = () => require('leftpad')('7', 3);" },
            File = "index.js",
            FuncName = "f",
        };

        var outcome = new LoaderHarness().Run(run.WithExternal("leftpad").WithWhitelist(_shared.Path));

        Assert.Equal("\"  7\"", outcome.ResultJson);
    }

    [Fact]
    public void Modules_in_a_whitelisted_folder_have_virtual_names()
    {
        using var code = new TestCodeRoot().With("index.js", "module.exports.f = () => require('probe');");
        using var shared = new TestCodeRoot()
            .With("probe/index.js", "module.exports = [__filename, __dirname, require.resolve('./index'), require(__dirname + '/more')];")
            .With("probe/more.js", "module.exports = 'more';");

        var outcome = new LoaderHarness().Run(code.Run("index.js", "f").WithExternal("probe").WithWhitelist(shared.Path));

        Assert.Equal(
            "[\"/~whitelist0/probe/index.js\",\"/~whitelist0/probe\",\"/~whitelist0/probe/index.js\",\"more\"]",
            outcome.ResultJson);
    }

    public void Dispose()
    {
        _root.Dispose();
        _shared.Dispose();
    }
}
