using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.Tests.Execution;

/// <summary>
/// Code written to hang, crash or escape the sandbox: each gets the right kind, the host stays alive, and the next run
/// on the same sandbox is fine.
/// </summary>
public sealed class HostileRunTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    public static TheoryData<string, string, RunErrorKind, string> HostileCode => new()
    {
        { "busy loop", "module.exports.f = () => { while (true) {} };", RunErrorKind.Timeout, "ran past its 300 ms budget" },
        { "async busy loop", "module.exports.f = async () => { while (true) await null; };", RunErrorKind.Timeout, "ran past its 300 ms budget" },
        { "interval that never resolves", "module.exports.f = () => new Promise(() => setInterval(() => {}, 5));", RunErrorKind.Timeout, "ran past its 300 ms budget" },
        { "immediate chain", "module.exports.f = () => new Promise(() => { const go = () => setImmediate(go); go(); });", RunErrorKind.Timeout, "ran past its 300 ms budget" },
        { "promise that never settles", "module.exports.f = () => new Promise(() => {});", RunErrorKind.UserError, "can never settle" },
        { "funcName injection", "module.exports.f = () => 1;", RunErrorKind.FunctionNotFound, "x'+(globalThis.pwned=1)+'" },
        { "throw 42", "module.exports.f = () => { throw 42; };", RunErrorKind.UserError, "Uncaught 42" },
        { "throw null", "module.exports.f = () => { throw null; };", RunErrorKind.UserError, "Uncaught null" },
        { "throw undefined", "module.exports.f = () => { throw undefined; };", RunErrorKind.UserError, "Uncaught undefined" },
        { "throw a string", "module.exports.f = () => { throw 'oops'; };", RunErrorKind.UserError, "Uncaught 'oops'" },
        { "empty rejection", "module.exports.f = () => Promise.reject();", RunErrorKind.UserError, "Promise rejected with undefined" },
        { "object rejection", "module.exports.f = async () => { throw { code: 7 }; };", RunErrorKind.UserError, "Promise rejected with { code: 7 }" },
        { "error thrown in a timer", "module.exports.f = () => new Promise(() => setTimeout(() => { throw new TypeError('late'); }, 1));", RunErrorKind.UserError, "late" },
        { "error thrown in a microtask", "module.exports.f = () => new Promise(() => queueMicrotask(() => { throw new RangeError('soon'); }));", RunErrorKind.UserError, "soon" },
        { "BigInt result", "module.exports.f = () => ({ n: 10n });", RunErrorKind.ResultNotSerializable, "BigInt at result.n" },
        { "cyclic result", "module.exports.f = () => { const a = { b: {} }; a.b.a = a; return a; };", RunErrorKind.ResultNotSerializable, "cyclic" },
        { "10 MB result", "module.exports.f = () => 'x'.repeat(10 * 1024 * 1024);", RunErrorKind.ResultNotSerializable, "result limit" },
        { "10 MB array result", "module.exports.f = () => new Array(300000).fill('x'.repeat(20));", RunErrorKind.ResultNotSerializable, "result limit" },
        { "deep result", "module.exports.f = () => { let a = []; for (let i = 0; i < 100000; i++) a = [a]; return a; };", RunErrorKind.ResultNotSerializable, "deeper than" },
        { "process.exit", "module.exports.f = () => process.exit(0);", RunErrorKind.UserError, "process.exit() is not available" },
        { "CLR namespace", "module.exports.f = () => System.IO.File.ReadAllText('/etc/passwd');", RunErrorKind.UserError, "System is not defined" },
        { "importNamespace", "module.exports.f = () => importNamespace('System.IO');", RunErrorKind.UserError, "importNamespace is not defined" },
        { "require of a host module", "module.exports.f = () => require('child_process');", RunErrorKind.ModuleNotFound, "Cannot find module" },
        { "throw a revoked proxy", "module.exports.f = () => { const p = Proxy.revocable({}, {}); p.revoke(); throw p.proxy; };", RunErrorKind.UserError, "Uncaught <Revoked Proxy>" },
        { "reject with a revoked proxy", "module.exports.f = async () => { const p = Proxy.revocable({}, {}); p.revoke(); throw p.proxy; };", RunErrorKind.UserError, "Promise rejected with <Revoked Proxy>" },
        { "throw a revoked proxy from a timer", "module.exports.f = () => new Promise(() => setTimeout(() => { const p = Proxy.revocable({}, {}); p.revoke(); throw p.proxy; }, 1));", RunErrorKind.UserError, "Uncaught <Revoked Proxy>" },
        { "throw an object whose message getter throws", "module.exports.f = () => { throw { get message() { throw new Error('gotcha'); } }; };", RunErrorKind.UserError, "Uncaught { message: [Getter] }" },
        { "throw a proxy whose traps throw", "module.exports.f = () => { throw new Proxy({}, { get() { throw new Error('trap'); }, has() { throw new Error('trap'); } }); };", RunErrorKind.UserError, "Uncaught an object whose message could not be read (Error: trap)" },
        { "ShadowRealm around the allocation guards", "module.exports.f = () => new ShadowRealm().evaluate(\"'x'.repeat(2**29-64).length\");", RunErrorKind.UserError, "ShadowRealm is not defined" },
        { "ShadowRealm through globalThis", "module.exports.f = () => new globalThis['Shadow' + 'Realm']().evaluate('1');", RunErrorKind.UserError, "is not a constructor" },
    };

    [Theory]
    [MemberData(nameof(HostileCode))]
    public async Task Hostile_code_faults_with_the_right_kind_and_the_next_run_is_fine(string name, string source, RunErrorKind kind, string messagePart)
    {
        var funcName = name == "funcName injection" ? "x'+(globalThis.pwned=1)+'" : "f";

        // Only the rows that test the budget get a short one: building a 100,000-deep result must not race it on a
        // loaded machine.
        var budget = TimeSpan.FromMilliseconds(kind == RunErrorKind.Timeout ? 300 : 30_000);
        var outcome = await Sandbox.RunAsync(Runs.Inline(source, funcName, timeout: budget));

        Assert.False(outcome.IsCompleted, name);
        Assert.Equal(kind, outcome.Error!.Kind);
        Assert.Contains(messagePart, outcome.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Jint", outcome.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.Error.Message, StringComparison.Ordinal);
        await AssertNextRunIsFine();
    }

    [Fact]
    public async Task Console_output_of_a_revoked_proxy_is_what_Node_prints()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { const p = Proxy.revocable({}, {}); p.revoke(); console.log(p.proxy, [p.proxy], { p: p.proxy }, new Proxy({ a: 1 }, { get() { throw new Error('trap'); } })); return 1; };"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("<Revoked Proxy> [ <Revoked Proxy> ] { p: <Revoked Proxy> } { a: 1 }", outcome.Logs.Single().Message);
    }

    [Fact]
    public async Task FuncName_is_never_evaluated()
    {
        // Pasting the name into source would assign globalThis.pwned and run this setter.
        var outcome = await Sandbox.RunAsync(Runs.Inline(
            "Object.defineProperty(globalThis, 'pwned', { set() { console.log('evaluated'); } }); module.exports.f = () => 1;",
            "f'+(globalThis.pwned=1)+'"));

        Assert.Equal(RunErrorKind.FunctionNotFound, outcome.Error!.Kind);
        Assert.StartsWith("Function 'f'+(globalThis.pwned=1)+'' was not found: index.js does not export it.", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Empty(outcome.Logs);
    }

    [Theory]
    [InlineData("constructor")]
    [InlineData("toString")]
    [InlineData("__proto__")]
    [InlineData("hasOwnProperty")]
    public async Task Builtins_inherited_by_the_exports_are_not_exported_functions(string funcName)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => 1;", funcName, "[\"return globalThis\"]"));

        Assert.Equal(RunErrorKind.FunctionNotFound, outcome.Error!.Kind);
    }

    [Fact]
    public async Task Prototype_pollution_is_invisible_to_the_next_run()
    {
        var polluting = await Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { Object.prototype.polluted = 'yes'; Array.prototype.map = null; return ({}).polluted; };"));
        var next = await Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => [({}).polluted === undefined, typeof [].map];"));

        Assert.Equal("yes", polluting.Result!.GetValue<string>());
        Assert.Equal("[true,\"function\"]", next.Result!.ToJsonString());
    }

    [Fact]
    public async Task Function_constructor_reaches_only_the_sandbox_global()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("""
            module.exports.f = function () {
              const g = this.constructor.constructor('return this')();
              return {
                same: g === globalThis,
                clr: ['System', 'importNamespace', 'clrHelper', 'host'].filter(n => n in g),
                keys: Object.keys(g).filter(k => k !== 'global'),
              };
            };
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("{\"same\":true,\"clr\":[],\"keys\":[\"setTimeout\",\"setInterval\",\"setImmediate\",\"clearTimeout\",\"clearInterval\",\"clearImmediate\",\"queueMicrotask\",\"console\"]}", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Host_functions_expose_no_clr_objects()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("""
            module.exports.f = () => [console.log, setTimeout, queueMicrotask].map(fn => [
              Object.getOwnPropertyNames(fn).sort().join(),
              Object.getPrototypeOf(fn) === Function.prototype,
              typeof fn.constructor('return 1'),
            ]);
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.DoesNotContain("Clr", outcome.Result!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.All(outcome.Result!.AsArray(), item => Assert.True(item![1]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Hundred_megabytes_of_console_output_is_capped()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { const line = 'x'.repeat(1024 * 1024); for (let i = 0; i < 100; i++) console.log(line); return 'done'; };",
            timeout: TimeSpan.FromSeconds(30)));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("done", outcome.Result!.GetValue<string>());
        Assert.InRange(outcome.Logs.Sum(l => l.Message.Length), 1, 1024 * 1024 + 1024);
        Assert.Contains("truncated", outcome.Logs[^1].Message, StringComparison.Ordinal);
        await AssertNextRunIsFine();
    }

    private async Task AssertNextRunIsFine()
    {
        var next = await Sandbox.RunAsync(Runs.Inline("module.exports.f = (a) => a + 1;", argsJson: "[41]"));
        Assert.True(next.IsCompleted, next.Error?.Message);
        Assert.Equal(42, next.Result!.GetValue<long>());

        // The engine itself stopped at its limit: a thread left running would have been retired by the watchdog.
        Assert.Equal(0, Sandbox.GetStatistics().RetiredThreads);
    }
}
