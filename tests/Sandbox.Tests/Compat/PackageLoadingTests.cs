using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// How npm packages are found: <c>exports</c> maps with the <c>require</c>/<c>node</c>/<c>default</c> conditions,
/// <c>.cjs</c> files, sub-path requires, and a listed package's own dependencies.
/// </summary>
public sealed class PackageLoadingTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    private static readonly Dictionary<string, string> _packages = new()
    {
        ["node_modules/dual/package.json"] = """
            { "name": "dual", "type": "module", "main": "./wrong.js",
              "exports": { ".": { "import": "./esm/index.js", "require": "./cjs/index.cjs" },
                           "./utc": { "node": { "require": "./cjs/utc.cjs" }, "default": "./esm/utc.js" },
                           "./features/*": "./cjs/features/*.cjs",
                           "./package.json": "./package.json" } }
            """,
        ["node_modules/dual/esm/index.js"] = "export default 'esm';",
        ["node_modules/dual/wrong.js"] = "module.exports = 'main, not exports';",
        ["node_modules/dual/cjs/index.cjs"] = "module.exports = 'cjs root';",
        ["node_modules/dual/cjs/utc.cjs"] = "module.exports = 'cjs utc';",
        ["node_modules/dual/cjs/features/a.cjs"] = "module.exports = 'feature a';",
        ["node_modules/dual/cjs/hidden.cjs"] = "module.exports = 'hidden';",
        ["node_modules/sugar/package.json"] = """{ "name": "sugar", "exports": "./lib/sugar.js" }""",
        ["node_modules/sugar/lib/sugar.js"] = "module.exports = 'sugar';",
        ["node_modules/classic/package.json"] = """{ "name": "classic", "main": "lib/main.js" }""",
        ["node_modules/classic/lib/main.js"] = "module.exports = 'classic ' + require('helper');",
        ["node_modules/classic/plugin/utc.js"] = "module.exports = 'plugin utc';",
        ["node_modules/helper/index.js"] = "module.exports = 'helper';",
        ["node_modules/string_decoder/package.json"] = """{ "name": "string_decoder", "main": "lib/decoder.js" }""",
        ["node_modules/string_decoder/lib/decoder.js"] = "module.exports = 'userland decoder';",
    };

    public static TheoryData<string, string> Requests => new()
    {
        { "dual", "cjs root" },
        { "dual/utc", "cjs utc" },
        { "dual/features/a", "feature a" },
        { "dual/package.json", "dual" },
        { "sugar", "sugar" },
        { "classic", "classic helper" },
        { "classic/plugin/utc", "plugin utc" },
        { "classic/", "classic helper" },
        { "string_decoder/", "userland decoder" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Package_request_resolves_as_in_node(string request, string expected)
    {
        var outcome = await Run($"module.exports.f = () => {{ const m = require('{request}'); return typeof m === 'string' ? m : m.name; }};");

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(expected, outcome.Result!.GetValue<string>());
    }

    [Theory]
    [InlineData("dual/cjs/hidden.cjs")]
    [InlineData("dual/wrong")]
    [InlineData("dual/features/../hidden")]
    public async Task Sub_path_a_package_does_not_export_is_not_found(string request)
    {
        var outcome = await Run($"module.exports.f = () => require('{request}');");

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error!.Kind);
    }

    [Fact]
    public async Task Without_a_trailing_slash_a_core_name_is_still_the_builtin()
    {
        var outcome = await Run("module.exports.f = () => [typeof require('string_decoder').StringDecoder, require('string_decoder/')];");

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("[\"function\",\"userland decoder\"]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Run_code_may_not_require_a_package_missing_from_external_even_if_a_listed_package_uses_it()
    {
        var outcome = await Run("module.exports.f = () => [require('classic'), require('helper')];");

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error!.Kind);
        Assert.Equal("Cannot find module 'helper'", outcome.Error.Message);
    }

    private Task<RunOutcome> Run(string index)
    {
        var files = new Dictionary<string, string>(_packages) { ["index.js"] = index };
        return Sandbox.RunAsync(new RunOptions { Sources = files, File = "index.js", FuncName = "f", External = ["dual", "sugar", "classic", "string_decoder"] });
    }
}
