using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Limits;
using static IsolatedRuntime.Sandbox.Tests.Batches.Batches;

namespace IsolatedRuntime.Sandbox.Tests.Batches;

/// <summary>
/// What batch items share and what they do not: module-level state is shared (one load), writes to globals,
/// built-ins, <c>process.env</c> and the context are undone between items, each item has its own budgets, and an item
/// that hits a limit cannot poison the next: the next item loads the code afresh. docs/runtime.md, "Batches".
/// </summary>
[Collection(MemoryHeavy.Name)]
public sealed class BatchIsolationTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    // Item 0 tries to leave something behind; item 1 looks for it.
    public static TheoryData<string, string, string, string> LeakAttempts => new()
    {
        { "a global", "globalThis.leak = 'left';", "typeof leak", "\"undefined\"" },
        { "a sloppy global", "leak2 = 'left';", "typeof leak2", "\"undefined\"" },
        { "a global var by eval", "(0, eval)('var leak3 = 1');", "typeof leak3", "\"undefined\"" },
        { "a replaced global function", "globalThis.parseInt = () => 42;", "parseInt('7')", "7" },
        { "Object.prototype", "try { Object.prototype.polluted = 'yes'; } catch {}", "({}).polluted === undefined", "true" },
        { "Array.prototype.map", "try { Array.prototype.map = () => 'evil'; } catch {}", "[1].map(x => x + 1)[0]", "2" },
        { "JSON.stringify", "try { JSON.stringify = () => 'evil'; } catch {}", "JSON.stringify({ a: 1 }) === '{\"a\":1}'", "true" },
        { "Math.random", "try { Math.random = () => 4; } catch {}", "Math.random() < 1", "true" },
        { "process.env", "process.env.LEAK = 'x';", "process.env.LEAK === undefined", "true" },
        { "the context object", "cfg.n = 99; cfg.extra = 1;", "[cfg.n, cfg.extra === undefined]", "[1,true]" },
        { "a timer left pending", "setTimeout(() => { globalThis.late = 1; }, 0);", "typeof late", "\"undefined\"" },
        { "a promise job left queued", "Promise.resolve().then(() => { globalThis.late2 = 1; });", "typeof late2", "\"undefined\"" },
        { "Error.stackTraceLimit", "Error.stackTraceLimit = 0;", "Error.stackTraceLimit", "10" },
    };

    [Theory]
    [MemberData(nameof(LeakAttempts))]
    public async Task An_item_cannot_leave_global_state_to_the_next(string name, string leak, string probe, string expected)
    {
        var batch = await Sandbox.RunAsync(Of(
            $"exports.f = (item) => {{ if (item === 0) {{ {leak} return 'tried'; }} return {probe}; }};",
            "[[0], [1]]",
            contextJson: "{\"cfg\": {\"n\": 1}}"));

        Assert.True(batch.IsCompleted, batch.Error?.Message);
        var probed = batch.Items![1];
        Assert.True(probed.IsCompleted, $"{name}: {probed.Error?.Message}");
        Assert.Equal(expected, probed.Result!.ToJsonString());
    }

    // Item 1 misbehaves; items 0 and 2 are ordinary.
    public static TheoryData<string, string, RunErrorKind> HostileItems => new()
    {
        { "throws", "throw new Error('bad item');", RunErrorKind.UserError },
        { "rejects", "return Promise.reject(new Error('bad item'));", RunErrorKind.UserError },
        { "loops forever", "for (;;) {}", RunErrorKind.Timeout },
        { "loops forever inside try/catch", "try { for (;;) {} } catch { return 'caught'; }", RunErrorKind.Timeout },
        { "waits forever on a timer", "return new Promise(r => setTimeout(r, 60000));", RunErrorKind.Timeout },
        { "blows its memory budget", "const keep = []; for (;;) keep.push('-'.repeat(10000) + keep.length);", RunErrorKind.MemoryLimit },
        { "recurses without end", "const r = (n) => r(n + 1) + 1; return r(0);", RunErrorKind.RecursionLimit },
        { "returns a BigInt", "return 10n;", RunErrorKind.ResultNotSerializable },
        { "returns a cycle", "const o = {}; o.self = o; return o;", RunErrorKind.ResultNotSerializable },
        { "never settles", "return new Promise(() => {});", RunErrorKind.UserError },
    };

    [Theory]
    [MemberData(nameof(HostileItems))]
    public async Task A_hostile_item_faults_alone_and_the_next_item_runs_normally(string name, string body, RunErrorKind kind)
    {
        var batch = await Sandbox.RunAsync(Of(
            $"let calls = 0; exports.f = (bad) => {{ calls++; if (bad) {{ {body} }} return 'ok ' + calls; }};",
            "[[false], [true], [false]]",
            timeout: TimeSpan.FromSeconds(1),
            memoryLimitBytes: 16 * LimitRunTests.Mb));

        Assert.True(batch.IsCompleted, batch.Error?.Message);
        Assert.Equal("\"ok 1\"", batch.Items![0].Result!.ToJsonString());
        Assert.Equal(kind, batch.Items[1].Error?.Kind);
        Assert.True(batch.Items[2].IsCompleted, $"{name}: {batch.Items[2].Error?.Message}");
    }

    [Fact]
    public async Task After_a_limit_the_next_item_loads_the_code_afresh_and_after_a_throw_it_does_not()
    {
        const string source = "let calls = 0; exports.f = (what) => { calls++; if (what === 'spin') for (;;) {} if (what === 'throw') throw new Error('x'); return calls; };";

        var afterLimit = await Sandbox.RunAsync(Of(source, "[[\"\"], [\"spin\"], [\"\"]]", timeout: TimeSpan.FromSeconds(1)));
        var afterThrow = await Sandbox.RunAsync(Of(source, "[[\"\"], [\"throw\"], [\"\"]]"));

        Assert.Equal("1 | Timeout | 1", Summary(afterLimit));
        Assert.Equal("1 | UserError | 3", Summary(afterThrow));
    }

    [Fact]
    public async Task An_ES_module_entry_is_loaded_afresh_for_every_item()
    {
        var batch = await Sandbox.RunAsync(Of("let calls = 0; export function f(n) { return [++calls, n]; }", "[[1], [2], [3]]", file: "index.mjs"));

        Assert.Equal("[1,1] | [1,2] | [1,3]", Summary(batch));
    }

    [Fact]
    public async Task Stopping_on_the_first_failure_also_stops_on_a_limit()
    {
        var batch = await Sandbox.RunAsync(Of(
            "exports.f = (spin) => { if (spin) for (;;) {} return 'ok'; };",
            "[[false], [true], [false]]",
            stopOnFirstFailure: true,
            timeout: TimeSpan.FromSeconds(1)));

        Assert.Equal("\"ok\" | Timeout | Skipped", Summary(batch));
        Assert.Contains("item 1", batch.Items![2].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("(Timeout)", batch.Items[2].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_item_has_its_own_wall_clock_budget()
    {
        // 3 x 400 ms of waiting: each item is within its 1 s budget (the first one's also pays for loading the code),
        // the batch as a whole is not.
        var batch = await Sandbox.RunAsync(Of(
            "exports.f = (n) => new Promise(r => setTimeout(() => r(n), 400));",
            "[[1], [2], [3]]",
            timeout: TimeSpan.FromSeconds(1)));

        Assert.Equal("1 | 2 | 3", Summary(batch));
        Assert.True(batch.Duration >= TimeSpan.FromMilliseconds(1150), batch.Duration.ToString());
    }

    [Fact]
    public async Task Each_item_has_its_own_memory_budget()
    {
        // Each item holds about 6 MB until it returns; three of them would not fit in one 16 MB budget together.
        var batch = await Sandbox.RunAsync(Of(
            "exports.f = (n) => { const keep = []; for (let i = 0; i < 300; i++) keep.push('-'.repeat(10000) + i); return keep.length + n; };",
            "[[0], [1], [2], [3]]",
            memoryLimitBytes: 16 * LimitRunTests.Mb));

        Assert.Equal("300 | 301 | 302 | 303", Summary(batch));
    }
}
