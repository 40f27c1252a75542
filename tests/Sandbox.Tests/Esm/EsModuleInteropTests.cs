using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Fixtures;
using IsolatedRuntime.Sandbox.Tests.Modules;

namespace IsolatedRuntime.Sandbox.Tests.Esm;

/// <summary>
/// What a Node user expects between module kinds: CommonJS and built-ins imported by ES modules, ES modules imported
/// dynamically and required, packages resolved with the import condition — all through the same loader as require.
/// </summary>
public sealed class EsModuleInteropTests : SandboxTest
{
    public static TheoryData<CodeStorage> Storages => EsModuleRuns.Storages;

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Importing_CommonJS_gives_module_exports_as_default_and_its_keys_as_named_exports(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "import cjs, { add, name } from './cjs.js';\nexport function run() { return [cjs.add(1, 2), add(2, 3), name, Object.keys(cjs)]; }")
            .With("cjs.js", "exports.add = (a, b) => a + b; exports.name = 'cjs';");

        Assert.Equal("[3,5,\"cjs\",[\"add\",\"name\"]]", await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "run")));
    }

    [Fact]
    public async Task Re_exports_pass_CommonJS_names_and_reserved_words_through()
    {
        var files = new Dictionary<string, string>
        {
            ["index.mjs"] = "import * as all from './re.mjs'; import { if as when } from './cjs.js';\nexport const run = () => [all.add(1, 2), all.name, when, Object.keys(all).sort()];",
            ["re.mjs"] = "export * from './cjs.js';",
            ["cjs.js"] = "exports.add = (a, b) => a + b; exports.name = 'cjs'; exports.if = 'reserved'; exports['not-an-identifier'] = 1;",
        };

        Assert.Equal("[3,\"cjs\",\"reserved\",[\"add\",\"if\",\"name\"]]", await Sandbox.CompletedAsync(Runs.Files(files, "index.mjs", "run")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_CommonJS_function_export_is_the_default_import(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "import greet from './greet.cjs';\nexport const run = () => greet('bo');")
            .With("greet.cjs", "module.exports = (n) => 'hello ' + n;");

        Assert.Equal("\"hello bo\"", await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "run")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_package_in_external_is_imported_from_node_modules(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "import _ from 'lodash';\nimport { chunk } from 'lodash';\nexport const run = () => [_.chunk([1, 2, 3], 2), chunk([1, 2], 1)];")
            .With("node_modules/lodash/package.json", "{ \"main\": \"lodash.js\" }")
            .With("node_modules/lodash/lodash.js", "module.exports = { chunk: (a, n) => { const r = []; for (let i = 0; i < a.length; i += n) r.push(a.slice(i, i + n)); return r; } };");

        Assert.Equal("[[[1,2],[3]],[[1],[2]]]", await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "run").WithExternal("lodash")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_package_not_in_external_is_ModuleNotFound(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "import _ from 'lodash';\nexport const run = () => 1;")
            .With("node_modules/lodash/index.js", "module.exports = {};");

        var outcome = await Sandbox.RunAsync(code.Run(storage, "index.mjs", "run"));

        Assert.Equal(Contracts.RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal("Cannot find module 'lodash'", outcome.Error?.Message);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_package_exports_map_is_read_with_the_import_condition(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "import { kind } from 'dual';\nimport * as sub from 'dual/extra';\nexport const run = () => [kind, sub.extra];")
            .With("node_modules/dual/package.json", "{ \"type\": \"module\", \"exports\": { \".\": { \"import\": \"./esm/index.js\", \"require\": \"./cjs/index.cjs\" }, \"./extra\": \"./esm/extra.js\" } }")
            .With("node_modules/dual/esm/index.js", "export const kind = 'esm';")
            .With("node_modules/dual/esm/extra.js", "export const extra = 'extra';")
            .With("node_modules/dual/cjs/index.cjs", "exports.kind = 'cjs';");

        Assert.Equal("[\"esm\",\"extra\"]", await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "run").WithExternal("dual")));
    }

    [Theory]
    [InlineData("import util from 'util'; export const run = () => util.format('%s=%d', 'a', 1);")]
    [InlineData("import { format } from 'util'; export const run = () => format('%s=%d', 'a', 1);")]
    [InlineData("import { format } from 'node:util'; export const run = () => format('%s=%d', 'a', 1);")]
    [InlineData("import * as util from 'node:util'; export const run = () => util.default.format('%s=%d', 'a', 1);")]
    public async Task Built_ins_are_imported_by_name_and_with_the_node_prefix(string source)
    {
        var run = Runs.Files(new Dictionary<string, string> { ["index.mjs"] = source }, "index.mjs", "run");

        Assert.Equal("\"a=1\"", await Sandbox.CompletedAsync(run));
    }

    [Fact]
    public async Task A_built_in_left_off_the_allow_list_is_ModuleNotFound()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { AllowedBuiltinModules = ["path"] });
        var run = Runs.Files(new Dictionary<string, string> { ["index.mjs"] = "import util from 'util'; export const run = () => 1;" }, "index.mjs", "run");

        var outcome = await sandbox.RunAsync(run);

        Assert.Equal(Contracts.RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal("Cannot find module 'util'", outcome.Error?.Message);
    }

    [Theory]
    [InlineData("import data from './data.json' with { type: 'json' };")]
    [InlineData("import data from './data.json';")]
    public async Task A_JSON_file_is_imported_as_its_data(string import)
    {
        var files = new Dictionary<string, string>
        {
            ["index.mjs"] = import + "\nexport const run = () => data.items.length;",
            ["data.json"] = "{ \"items\": [1, 2, 3] }",
        };

        Assert.Equal("3", await Sandbox.CompletedAsync(Runs.Files(files, "index.mjs", "run")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Dynamic_import_loads_ES_modules_and_CommonJS(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "export async function run() { const a = await import('./a.mjs'); const b = await import('./b.js'); return [a.value, b.default.value, b.value]; }")
            .With("a.mjs", "export const value = 'a';")
            .With("b.js", "exports.value = 'b';");

        Assert.Equal("[\"a\",\"b\",\"b\"]", await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "run")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task CommonJS_may_import_ES_modules_dynamically(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "exports.run = async () => (await import('./lib/esm.mjs')).twice(4);")
            .With("lib/esm.mjs", "export const twice = (x) => x * 2;");

        Assert.Equal("8", await Sandbox.CompletedAsync(code.Run(storage, "index.js", "run")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Require_of_an_ES_module_returns_its_namespace(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.js", "exports.run = () => { const m = require('./lib/esm.mjs'); return [m.twice(4), m.default]; };")
            .With("lib/esm.mjs", "export const twice = (x) => x * 2; export default 'dflt';");

        Assert.Equal("[8,\"dflt\"]", await Sandbox.CompletedAsync(code.Run(storage, "index.js", "run")));
    }

    [Theory]
    [InlineData("exports.run = async () => { await null; return require('./m.mjs').x; };", "export const x = 'm';")]
    [InlineData("exports.run = () => new Promise((resolve) => setTimeout(() => resolve(require('./m.mjs').x), 1));", "export const x = 'm';")]
    [InlineData("exports.run = async () => { await null; return (await import('./m.mjs')).x; };", "export const x = await Promise.resolve('m');")]
    public async Task ES_modules_load_from_promise_jobs_and_timers(string source, string module)
    {
        var files = new Dictionary<string, string> { ["index.js"] = source, ["m.mjs"] = module };

        Assert.Equal("\"m\"", await Sandbox.CompletedAsync(Runs.Files(files, "index.js", "run")));
    }

    [Fact]
    public async Task A_module_imported_twice_is_evaluated_once()
    {
        using var code = new CodeTree()
            .With("index.mjs", "import { n } from './counter.mjs'; import { again } from './again.mjs'; import c from './cjs.js'; import c2 from './cjs-again.js';\nexport const run = () => [n, again, c === c2, globalThis.esm, globalThis.cjs];")
            .With("counter.mjs", "globalThis.esm = (globalThis.esm || 0) + 1; export const n = globalThis.esm;")
            .With("again.mjs", "import { n } from './counter.mjs'; export const again = n;")
            .With("cjs.js", "globalThis.cjs = (globalThis.cjs || 0) + 1; module.exports = {};")
            .With("cjs-again.js", "module.exports = require('./cjs.js');");

        Assert.Equal("[1,1,true,1,1]", await Sandbox.CompletedAsync(code.Run(CodeStorage.Inline, "index.mjs", "run")));
    }

    [Fact]
    public async Task ES_modules_importing_each_other_in_a_cycle_work_as_in_Node()
    {
        var files = new Dictionary<string, string>
        {
            ["index.mjs"] = "import { b } from './b.mjs'; export const a = () => 'a'; export const run = () => b() + a();",
            ["b.mjs"] = "import { a } from './index.mjs'; export const b = () => 'b' + a();",
        };

        Assert.Equal("\"baa\"", await Sandbox.CompletedAsync(Runs.Files(files, "index.mjs", "run")));
    }

    [Fact]
    public async Task CommonJS_requiring_the_ES_module_that_imports_it_fails_cleanly()
    {
        var files = new Dictionary<string, string>
        {
            ["index.mjs"] = "import c from './c.js'; export const run = () => c;",
            ["c.js"] = "module.exports = require('./index.mjs');",
        };

        var outcome = await Sandbox.RunAsync(Runs.Files(files, "index.mjs", "run"));

        Assert.Equal(Contracts.RunErrorKind.UserError, outcome.Error?.Kind);
        Assert.StartsWith("Cannot require './index.mjs': index.mjs is an ES module whose imports are still loading", outcome.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_compiler_transforms_ES_module_sources_once_per_process()
    {
        var compiler = new ReplacingCompiler();
        await using var sandbox = new JsSandbox(sourceCompiler: compiler);
        using var root = new TestCodeRoot()
            .With("index.mjs", "import { v } from './lib/v.mjs'; export const run = () => __VALUE__ + v;")
            .With("lib/v.mjs", "export const v = __VALUE__;");

        Assert.Equal("84", await sandbox.CompletedAsync(root.Run("index.mjs", "run")));
        Assert.Equal("84", await sandbox.CompletedAsync(root.Run("index.mjs", "run")));
        Assert.Equal(["index.mjs", "lib/v.mjs"], compiler.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_operator_resolver_answers_bare_imports()
    {
        using var packages = new TestCodeRoot().With("pkgs/shared/index.mjs", "export const shared = 'from resolver';");
        var resolver = new FixedResolver(Path.Combine(packages.Path, "pkgs/shared/index.mjs"));
        await using var sandbox = new JsSandbox(moduleResolver: resolver);
        using var root = new TestCodeRoot().With("index.mjs", "import { shared } from 'shared'; export const run = () => shared;");

        var run = root.Run("index.mjs", "run").WithExternal("shared").WithWhitelist(Path.Combine(packages.Path, "pkgs"));

        Assert.Equal("\"from resolver\"", await sandbox.CompletedAsync(run));
    }

    [Fact]
    public async Task An_operator_resolver_written_as_an_ES_module_fails_clearly()
    {
        using var hooks = new TestCodeRoot().With("resolver.mjs", "export default () => () => null;");
        await using var sandbox = new JsSandbox(new SandboxOptions { ResolverModulePath = Path.Combine(hooks.Path, "resolver.mjs") });
        using var root = new TestCodeRoot().With("index.mjs", "import x from 'pkg'; export const run = () => x;");

        var outcome = await sandbox.RunAsync(root.Run("index.mjs", "run").WithExternal("pkg"));

        Assert.Equal(Contracts.RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Contains("operator modules cannot load ES modules", outcome.Error?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hooks.Path, outcome.Error?.Message, StringComparison.Ordinal);
    }

    private sealed class ReplacingCompiler : ISourceCompiler
    {
        public List<string> Names { get; } = [];

        public string Compile(string code, string fileName)
        {
            lock (Names)
            {
                Names.Add(fileName);
            }

            return code.Replace("__VALUE__", "42", StringComparison.Ordinal);
        }
    }

    private sealed class FixedResolver(string answer) : IModuleResolver
    {
        public string? Resolve(string request, string fromDirectory, ModuleResolutionContext context) =>
            request == "shared" ? answer : null;
    }
}
