using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Modules;

namespace IsolatedRuntime.Sandbox.Tests.Esm;

/// <summary>An entry ES module runs on Jint's own module support, with funcName naming one of its exports.</summary>
public sealed class EsModuleEntryTests : SandboxTest
{
    public static TheoryData<CodeStorage> Storages => EsModuleRuns.Storages;

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task An_mjs_entry_runs_its_exported_function(CodeStorage storage)
    {
        using var code = new CodeTree().With("index.mjs", "export function run(a, b) { return a + b; }");

        Assert.Equal("5", await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "run", "[2, 3]")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_js_entry_in_a_type_module_package_is_an_ES_module(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("package.json", "{ \"type\": \"module\" }")
            .With("index.js", "import { twice } from './lib/math.js'; export const run = (x) => twice(x);")
            .With("lib/math.js", "export const twice = (x) => x * 2;");

        Assert.Equal("42", await Sandbox.CompletedAsync(code.Run(storage, "index.js", "run", "[21]")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task The_nearest_package_json_decides_the_format(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("package.json", "{ \"type\": \"module\" }")
            .With("index.js", "import legacy from './legacy/old.js'; export function run() { return legacy.kind; }")
            .With("legacy/package.json", "{ \"name\": \"legacy\" }")
            .With("legacy/old.js", "module.exports.kind = typeof module;");

        Assert.Equal("\"object\"", await Sandbox.CompletedAsync(code.Run(storage, "index.js", "run")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task FuncName_default_calls_the_default_export(CodeStorage storage)
    {
        using var code = new CodeTree().With("index.mjs", "export default function (name) { return 'hi ' + name; }");

        Assert.Equal("\"hi ann\"", await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "default", "[\"ann\"]")));
    }

    [Fact]
    public async Task An_async_export_is_awaited()
    {
        using var code = new CodeTree().With(
            "index.mjs",
            "export async function run() { await new Promise((r) => setTimeout(r, 5)); return 'later'; }");

        Assert.Equal("\"later\"", await Sandbox.CompletedAsync(code.Run(CodeStorage.Inline, "index.mjs", "run")));
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Top_level_await_of_a_timer_completes_before_the_function_is_called(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "import { value } from './slow.mjs'; export function run(x) { return value + x; }")
            .With("slow.mjs", "export const value = await new Promise((r) => setTimeout(() => r(40), 10));");

        Assert.Equal("42", await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "run", "[2]")));
    }

    [Fact]
    public async Task Top_level_await_of_a_resolved_promise_completes_at_once()
    {
        using var code = new CodeTree().With("index.mjs", "const v = await Promise.resolve(7); export const run = () => v;");

        Assert.Equal("7", await Sandbox.CompletedAsync(code.Run(CodeStorage.Inline, "index.mjs", "run")));
    }

    [Fact]
    public async Task Module_state_does_not_leak_between_runs()
    {
        using var code = new CodeTree().With("index.mjs", "let count = 0; export function run() { count += 1; return count; }");
        var run = code.Run(CodeStorage.Disk, "index.mjs", "run");

        Assert.Equal("1", await Sandbox.CompletedAsync(run));
        Assert.Equal("1", await Sandbox.CompletedAsync(run));
    }

    [Fact]
    public async Task Concurrent_runs_share_the_parsed_modules_and_keep_their_own_state()
    {
        using var code = new CodeTree()
            .With("index.mjs", "import { bump } from './state.mjs'; export async function run(n) { await null; return [n, bump(n)]; }")
            .With("state.mjs", "let total = 0; export const bump = (n) => (total += n);");
        var run = code.Run(CodeStorage.Disk, "index.mjs", "run");

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 40).Select(n => Sandbox.RunAsync(new RunOptions
        {
            Root = run.Root,
            File = run.File,
            FuncName = run.FuncName,
            Args = System.Text.Json.Nodes.JsonNode.Parse($"[{n}]"),
        })));

        Assert.All(outcomes, outcome => Assert.Equal(outcome.Result![0]!.GetValue<int>(), outcome.Result![1]!.GetValue<int>()));
    }

    [Fact]
    public async Task Context_globals_and_console_are_seen_by_ES_modules()
    {
        var run = Runs.Files(
            new Dictionary<string, string> { ["index.mjs"] = "export function run() { console.log('n =', n); return n + 1; }" },
            "index.mjs",
            "run",
            contextJson: "{\"n\": 41}");

        var outcome = await Sandbox.RunAsync(run);

        Assert.Equal("42", outcome.Result?.ToJsonString());
        Assert.Equal("n = 41", Assert.Single(outcome.Logs).Message);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Import_meta_names_the_module_by_its_virtual_path_never_a_host_path(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "export { meta as run } from './my lib/a.mjs';")
            .With("my lib/a.mjs", "export const meta = () => [import.meta.url, import.meta.filename, import.meta.dirname];");

        Assert.Equal(
            "[\"file:///my%20lib/a.mjs\",\"/my lib/a.mjs\",\"/my lib\"]",
            await Sandbox.CompletedAsync(code.Run(storage, "index.mjs", "run")));
    }

    [Fact]
    public async Task Import_meta_url_resolves_relative_URLs_inside_the_virtual_root()
    {
        var run = Runs.Files(
            new Dictionary<string, string> { ["lib/index.mjs"] = "export const run = () => new URL('../data/x.json', import.meta.url).pathname;" },
            "lib/index.mjs",
            "run");

        Assert.Equal("\"/data/x.json\"", await Sandbox.CompletedAsync(run));
    }

    [Fact]
    public async Task Errors_thrown_in_ES_modules_are_UserError_with_root_relative_stacks()
    {
        using var code = new CodeTree()
            .With("index.mjs", "import { explode } from './lib/boom.mjs';\nexport function run() { explode(); }")
            .With("lib/boom.mjs", "export function explode() {\n  throw new RangeError('bad');\n}");

        var outcome = await Sandbox.RunAsync(code.Run(CodeStorage.Disk, "index.mjs", "run"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error?.Kind);
        Assert.Equal("RangeError", outcome.Error?.Name);
        Assert.Contains("at explode (lib/boom.mjs:2:", outcome.Error?.Stack, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", outcome.Error?.Stack, StringComparison.Ordinal);
    }
}
