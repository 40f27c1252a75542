using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Modules;

namespace IsolatedRuntime.Sandbox.Tests.Esm;

/// <summary>Faults of ES module runs have the same kinds and messages as CommonJS ones, and limits hold inside them.</summary>
public sealed class EsModuleFaultTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    public static TheoryData<CodeStorage> Storages => EsModuleRuns.Storages;

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_missing_import_is_ModuleNotFound_with_the_request_as_written(CodeStorage storage)
    {
        using var code = new CodeTree().With("index.mjs", "import { x } from './lib/missing.mjs';\nexport const run = () => x;");

        var outcome = await Sandbox.RunAsync(code.Run(storage, "index.mjs", "run"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal("Cannot find module './lib/missing.mjs'", outcome.Error?.Message);
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task A_syntax_error_is_SyntaxError_with_root_relative_file_and_line(CodeStorage storage)
    {
        using var code = new CodeTree()
            .With("index.mjs", "import { x } from './lib/bad.mjs';\nexport const run = () => x;")
            .With("lib/bad.mjs", "export const x = 1;\nconst broken = ;\n");

        var outcome = await Sandbox.RunAsync(code.Run(storage, "index.mjs", "run"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Error?.Kind);
        Assert.Equal("SyntaxError", outcome.Error?.Name);
        Assert.Equal("Unexpected token ';' (lib/bad.mjs:2:16)", outcome.Error?.Message);
    }

    [Fact]
    public async Task A_syntax_error_in_the_entry_is_SyntaxError()
    {
        var outcome = await Sandbox.RunAsync(Runs.Files(new Dictionary<string, string> { ["index.mjs"] = "export function run( {" }, "index.mjs", "run"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Error?.Kind);
        Assert.StartsWith("Unexpected", outcome.Error?.Message, StringComparison.Ordinal);
        Assert.EndsWith("(index.mjs:1:23)", outcome.Error?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export function other() {}", "run", "Function 'run' was not found: index.mjs does not export it. Export it with export function run(...) { ... }.")]
    [InlineData("export const run = 5;", "run", "Function 'run' was not found: index.mjs exports it as number, not a function. Export it with export function run(...) { ... }.")]
    [InlineData("export function run() {}", "default", "Function 'default' was not found: index.mjs does not export it. Export it with export function default(...) { ... } or export default function (...) { ... }.")]
    public async Task A_missing_export_is_FunctionNotFound(string source, string funcName, string message)
    {
        var outcome = await Sandbox.RunAsync(Runs.Files(new Dictionary<string, string> { ["index.mjs"] = source }, "index.mjs", funcName));

        Assert.Equal(RunErrorKind.FunctionNotFound, outcome.Error?.Kind);
        Assert.Equal(message, outcome.Error?.Message);
    }

    [Fact]
    public async Task A_missing_export_after_top_level_await_is_FunctionNotFound()
    {
        var source = "await new Promise((r) => setTimeout(r, 5)); export function other() {}";

        var outcome = await Sandbox.RunAsync(Runs.Files(new Dictionary<string, string> { ["index.mjs"] = source }, "index.mjs", "run"));

        Assert.Equal(RunErrorKind.FunctionNotFound, outcome.Error?.Kind);
    }

    [Fact]
    public async Task A_top_level_await_that_can_never_settle_ends_the_run_at_once()
    {
        var run = Runs.Files(
            new Dictionary<string, string> { ["index.mjs"] = "await new Promise(() => {});\nexport function run() {}" },
            "index.mjs",
            "run",
            timeout: TimeSpan.FromSeconds(30));

        var outcome = await Sandbox.RunAsync(run);

        Assert.Equal(RunErrorKind.UserError, outcome.Error?.Kind);
        Assert.Contains("can never settle", outcome.Error?.Message, StringComparison.Ordinal);
        Assert.True(outcome.Duration < TimeSpan.FromSeconds(20), $"took {outcome.Duration}");
    }

    [Fact]
    public async Task A_missing_named_import_is_a_SyntaxError_naming_it()
    {
        var files = new Dictionary<string, string>
        {
            ["index.mjs"] = "import { nope } from './a.mjs'; export const run = () => nope;",
            ["a.mjs"] = "export const yes = 1;",
        };

        var outcome = await Sandbox.RunAsync(Runs.Files(files, "index.mjs", "run"));

        Assert.Equal("SyntaxError", outcome.Error?.Name);
        Assert.Contains("nope", outcome.Error?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("while (true) {}\nexport function run() {}")]
    [InlineData("export function run() { while (true) {} }")]
    [InlineData("await new Promise((r) => setTimeout(r, 1)); while (true) {}\nexport function run() {}")]
    public async Task An_endless_loop_in_an_ES_module_is_Timeout(string source)
    {
        var run = Runs.Files(new Dictionary<string, string> { ["index.mjs"] = source }, "index.mjs", "run", timeout: TimeSpan.FromMilliseconds(300));

        var outcome = await Sandbox.RunAsync(run);

        Assert.Equal(RunErrorKind.Timeout, outcome.Error?.Kind);
    }

    [Theory]
    [InlineData("function f(n) { return f(n + 1) + 1; }\nf(0);\nexport function run() {}")]
    [InlineData("function f(n) { return f(n + 1) + 1; }\nexport function run() { return f(0); }")]
    public async Task Deep_recursion_in_an_ES_module_is_RecursionLimit(string source)
    {
        var outcome = await Sandbox.RunAsync(Runs.Files(new Dictionary<string, string> { ["index.mjs"] = source }, "index.mjs", "run"));

        Assert.Equal(RunErrorKind.RecursionLimit, outcome.Error?.Kind);
    }

    [Fact]
    public async Task Memory_limits_hold_in_ES_modules()
    {
        var source = "const keep = []; while (true) keep.push(new Array(100000).fill(1));\nexport function run() {}";
        var run = Runs.Files(new Dictionary<string, string> { ["index.mjs"] = source }, "index.mjs", "run");
        run = new RunOptions { Sources = run.Sources, File = run.File, FuncName = run.FuncName, MemoryLimitBytes = 32L * 1024 * 1024 };

        var outcome = await Sandbox.RunAsync(run);

        Assert.Equal(RunErrorKind.MemoryLimit, outcome.Error?.Kind);
    }

    [Fact]
    public async Task Requiring_an_ES_module_that_awaits_at_top_level_is_a_clear_error()
    {
        var files = new Dictionary<string, string>
        {
            ["index.js"] = "exports.run = () => require('./slow.mjs');",
            ["slow.mjs"] = "await new Promise((r) => setTimeout(r, 5)); export const v = 1;",
        };

        var outcome = await Sandbox.RunAsync(Runs.Files(files, "index.js", "run"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error?.Kind);
        Assert.Equal("Cannot require './slow.mjs': slow.mjs uses top-level await, so it cannot be loaded synchronously; load it with import() instead.", outcome.Error?.Message);
    }
}
