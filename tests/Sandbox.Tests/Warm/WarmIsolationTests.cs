using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Warm;

/// <summary>
/// What warm runs do not share: a write to globals, built-ins or the sandbox's own globals in run N is refused or
/// undone, so run N+1 on the same engine (its module state shows it was reused) sees what a fresh engine shows.
/// </summary>
public sealed class WarmIsolationTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 1 } })
{
    // Each case: what run N tries (errors are caught: a locked built-in refuses), and an expression run N+1 evaluates,
    // with what a fresh engine answers.
    public static TheoryData<string, string, string> Writes => new()
    {
        { "globalThis.x = 1", "typeof x", "\"undefined\"" },
        { "global.y = { secret: 1 }", "typeof globalThis.y", "\"undefined\"" },
        { "var leaked = (0, eval)('var leakedVar = 1; let leakedLet = 2; leakedVar')", "[typeof leakedVar, typeof leakedLet]", "[\"undefined\",\"undefined\"]" },
        { "Object.prototype.polluted = 'yes'", "({}).polluted === undefined", "true" },
        { "Object.defineProperty(Object.prototype, 'hidden', { get() { return 1; }, configurable: true })", "'hidden' in {}", "false" },
        { "Array.prototype.push = function () { return 'evil'; }", "[].push(7)", "1" },
        { "delete Array.prototype.map", "typeof [].map", "\"function\"" },
        { "Object.setPrototypeOf(Array.prototype, null)", "typeof [].hasOwnProperty", "\"function\"" },
        { "Object.getPrototypeOf([][Symbol.iterator]()).next = () => ({ done: true })", "[...[1, 2]].length", "2" },
        { "Object.getPrototypeOf(function* () {}).prototype.next = () => ({ done: true })", "[...(function* () { yield 1; })()].length", "1" },
        { "JSON.stringify = () => 'evil'", "JSON.stringify({ a: 1 }).length", "7" },
        { "Math.max = () => -1", "Math.max(1, 2)", "2" },
        { "String.prototype.trim = () => 'evil'", "' a '.trim()", "\"a\"" },
        { "Promise.prototype.then = null", "typeof Promise.prototype.then", "\"function\"" },
        { "Function.prototype.call = null", "typeof Function.prototype.call", "\"function\"" },
        { "Array.isArray = () => false", "Array.isArray([])", "true" },
        { "Object.keys = () => ['evil']", "Object.keys({ a: 1 }).length", "1" },
        { "Error.stackTraceLimit = 0", "Error.stackTraceLimit", "10" },
        { "console.log = null", "typeof console.log", "\"function\"" },
        { "process.env.SECRET = 'tenant-a'", "process.env.SECRET === undefined", "true" },
        { "process.exitCode = 3", "process.exitCode === undefined", "true" },
        { "process.exit = () => 'patched'", "(() => { try { process.exit(); } catch (e) { return e.code; } })()", "\"ERR_SANDBOX_UNAVAILABLE\"" },
        { "Buffer.prototype.evil = 1", "typeof Buffer.from('a').evil", "\"undefined\"" },
        { "URL.prototype.toString = () => 'evil'", "String(new URL('http://a.b/'))", "\"http://a.b/\"" },
        { "setTimeout = null", "typeof setTimeout", "\"function\"" },
        { "globalThis.Array = function () {}", "Array.isArray([])", "true" },
        { "Object.defineProperty(globalThis, 'pinned', { value: 1, configurable: false })", "typeof pinned", "\"undefined\"" },
        { "Object.freeze(Array.prototype)", "(() => { class A {} A.prototype.push = 1; return Object.isFrozen(A.prototype); })()", "false" },
        { "Object.preventExtensions(Math)", "Object.getOwnPropertyNames(Math).length > 40", "true" },
        { "Object.defineProperty(Object.prototype, 'locked', { value: 1, configurable: false })", "'locked' in {}", "false" },
        { "Array.prototype.slice.call = function () { return ['captured']; }", "Array.prototype.slice.call([1, 2], 1)", "[2]" },
        { "Object.setPrototypeOf(JSON.stringify, { call() { return 'evil'; } })", "JSON.stringify.call(null, 1)", "\"1\"" },
        { "Math.max.extra = 1", "Math.max.extra === undefined", "true" },
        { "Object.defineProperty(Array.prototype.map, 'name', { value: 'renamed' })", "Array.prototype.map.name", "\"map\"" },
        { "Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').get.leak = 1", "Object.getOwnPropertyDescriptor(Object.prototype, '__proto__').get.leak === undefined", "true" },
        { "Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())).extra = 1", "Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())).extra === undefined", "true" },
        { "Object.getPrototypeOf([].values().map(x => x)).next = () => ({ done: true })", "[...[1, 2].values().map(x => x)].length", "2" },
        { "Object.getPrototypeOf(Iterator.prototype).planted = 1", "Object.getPrototypeOf(Iterator.prototype).planted === undefined", "true" },
        { "require('path').join = () => 'evil'", "require('path').join('a', 'b')", "\"a/b\"" },
        { "require('events').prototype.emit = () => 'evil'", "new (require('events'))().emit('x')", "false" },
        { "require('util').inspect.defaultOptions.depth = 0", "require('util').inspect({ a: { b: 1 } })", "\"{ a: { b: 1 } }\"" },
        { "require('crypto').createHash = () => null", "require('crypto').createHash('sha1').update('a').digest('hex').length", "40" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_in_one_warm_run_is_refused_or_undone_before_the_next_on_the_same_engine(string write, string probe, string freshAnswer)
    {
        var (runs, answer) = await WriteThenProbe(write, probe);

        Assert.Equal(freshAnswer, answer);
        Assert.Equal(2, runs);
    }

    private async Task<(int Runs, string Answer)> WriteThenProbe(string write, string probe)
    {
        var source = $$"""
            let runs = 0;
            module.exports.f = (mode) => {
              runs++;
              if (mode === 'write') { try { {{write}}; } catch (e) { } return runs; }
              return { runs, probe: {{probe}} };
            };
            """;

        var writer = await Sandbox.RunAsync(WarmRuns.Of(source, """["write"]"""));
        var reader = await Sandbox.RunAsync(WarmRuns.Of(source, """["probe"]"""));

        Assert.True(writer.IsCompleted, writer.Error?.Message);
        Assert.True(reader.IsCompleted, reader.Error?.Message);
        return (reader.Result!["runs"]!.GetValue<int>(), reader.Result!["probe"]!.ToJsonString());
    }

    [Fact]
    public async Task Ordinary_writes_are_undone_on_the_same_engine()
    {
        var source = """
            let runs = 0;
            module.exports.f = (mode) => {
              runs++;
              if (mode === 'write') { globalThis.x = 1; process.env.MODE = 'a'; Error.stackTraceLimit = 1; return runs; }
              return [runs, typeof x, process.env.MODE === undefined, Error.stackTraceLimit];
            };
            """;

        await Sandbox.RunAsync(WarmRuns.Of(source, """["write"]"""));
        var reader = await Sandbox.RunAsync(WarmRuns.Of(source, """["probe"]"""));

        Assert.Equal("""[2,"undefined",true,10]""", reader.Result!.ToJsonString());
    }

    [Fact]
    public async Task Globals_written_by_package_top_level_code_stay_for_every_warm_run()
    {
        var source = """
            globalThis.installedAtLoad = 'kept';
            Array.prototype.loadTimeHelper = function () { return this.length; };
            module.exports.f = (mode) => {
              if (mode === 'write') { globalThis.installedAtLoad = 'changed'; delete Array.prototype.loadTimeHelper; return 0; }
              return [installedAtLoad, [1, 2].loadTimeHelper()];
            };
            """;

        await Sandbox.RunAsync(WarmRuns.Of(source, """["write"]"""));
        var reader = await Sandbox.RunAsync(WarmRuns.Of(source, """["probe"]"""));

        Assert.Equal("""["kept",2]""", reader.Result!.ToJsonString());
    }
}
