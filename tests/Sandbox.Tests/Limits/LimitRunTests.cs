using System.Diagnostics;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>
/// Each limit end to end through <see cref="JsSandbox.RunAsync"/>: the right kind, the process still small and
/// alive, and the next run on the same sandbox fine.
/// </summary>
[Collection(MemoryHeavy.Name)]
public sealed class LimitRunTests : IAsyncLifetime
{
    internal const long Mb = 1024 * 1024;

    private readonly JsSandbox _sandbox = new(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } });

    public static TheoryData<string, string, RunErrorKind> HostileCode => new()
    {
        { "one huge string", "module.exports.f = () => 'x'.repeat(2 ** 28).length;", RunErrorKind.MemoryLimit },
        { "a huge filled array", "module.exports.f = () => new Array(1e9).fill(0).length;", RunErrorKind.MemoryLimit },
        { "a huge typed array", "module.exports.f = () => new Uint8Array(1e9).length;", RunErrorKind.MemoryLimit },
        { "a huge buffer", "module.exports.f = () => new ArrayBuffer(2 ** 30).byteLength;", RunErrorKind.MemoryLimit },
        { "a string doubled until it is huge", "module.exports.f = () => { let s = 'x'.repeat(1000); for (let i = 0; i < 22; i++) s += s; return s.indexOf('y'); };", RunErrorKind.MemoryLimit },
        { "keeping everything", "module.exports.f = () => { const keep = []; for (;;) keep.push(keep.length + '-'.repeat(10000)); };", RunErrorKind.MemoryLimit },
        { "keeping everything across awaits", "module.exports.f = async () => { const keep = []; for (;;) { keep.push(keep.length + '-'.repeat(10000)); await null; } };", RunErrorKind.MemoryLimit },
        { "keeping everything across timers", "module.exports.f = () => new Promise(() => { const keep = []; const turn = () => { for (let i = 0; i < 100; i++) keep.push(keep.length + '-'.repeat(10000)); setTimeout(turn, 0); }; turn(); });", RunErrorKind.MemoryLimit },
        { "unbounded recursion", "module.exports.f = () => { const r = (n) => r(n + 1) + 1; return r(0); };", RunErrorKind.RecursionLimit },
        { "catastrophic backtracking", "module.exports.f = () => /(a+)+$/.test('a'.repeat(30) + '!');", RunErrorKind.Timeout },
        { "Atomics.wait", "module.exports.f = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 0, 10000);", RunErrorKind.UserError },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Theory]
    [MemberData(nameof(HostileCode))]
    public async Task A_limit_faults_with_its_kind_and_the_process_stays_small(string name, string source, RunErrorKind kind)
    {
        var budget = TimeSpan.FromSeconds(3);
        var started = Stopwatch.StartNew();

        var outcome = await _sandbox.RunAsync(Inline(source, 16 * Mb, budget));

        Assert.False(outcome.IsCompleted, name);
        Assert.Equal(kind, outcome.Error!.Kind);
        Assert.True(started.Elapsed < budget + TimeSpan.FromSeconds(5), $"{name} took {started.Elapsed}");
        Assert.True(Environment.WorkingSet < 1536 * Mb, $"{name}: the process holds {Environment.WorkingSet / Mb} MB");
        await AssertNextRunIsFine();
    }

    [Fact]
    public async Task A_run_that_drops_400_MB_of_garbage_completes_under_a_64_MB_budget()
    {
        var outcome = await _sandbox.RunAsync(Inline(
            "module.exports.f = () => { let n = 0; for (let i = 0; i < 250000; i++) { const s = 'garbage ' + i + '-'.repeat(1000); n += s.length; } return n; };",
            64 * Mb,
            TimeSpan.FromSeconds(60)));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.True(double.Parse(outcome.Result!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) * 2 > 400 * Mb);
    }

    [Fact]
    public async Task JSON_stringify_of_an_object_nested_200000_deep_does_not_crash()
    {
        var outcome = await _sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { let o = {}; for (let i = 0; i < 200000; i++) o = { a: o }; try { return JSON.stringify(o).length; } catch (e) { return e.name; } };",
            timeout: TimeSpan.FromSeconds(30)));

        Assert.True(
            outcome.IsCompleted ? outcome.Result!.GetValue<string>() == "RangeError" : outcome.Error!.Kind == RunErrorKind.RecursionLimit,
            outcome.Error?.Message ?? outcome.Result?.ToJsonString());
        await AssertNextRunIsFine();
    }

    [Theory]
    [MemberData(nameof(SourceNestingGuardTests.Constructs), MemberType = typeof(SourceNestingGuardTests))]
    public async Task A_source_nested_100000_deep_is_refused_without_crashing(string construct)
    {
        var source = SourceNestingGuardTests.Generate(construct, 100_000) + "\nmodule.exports.f = () => 1;";

        var outcome = await _sandbox.RunAsync(Runs.Inline(source));

        // Refused by SourceNestingGuard before the parser runs. Without it (measured 2026-12-02), the parser's own stack
        // probe refused 26 of these 28 after about 0.5 s each, and 100,000 nested labels or template substitutions ran
        // past the run's 5 s budget while parsing: the guard is what makes these cheap, clear SyntaxErrors.
        Assert.Equal(RunErrorKind.SyntaxError, outcome.Error?.Kind);
        Assert.StartsWith("index.js nests ", outcome.Error!.Message, StringComparison.Ordinal);
        await AssertNextRunIsFine();
    }

    private static RunOptions Inline(string source, long memoryLimitBytes, TimeSpan timeout) => new()
    {
        Sources = new Dictionary<string, string> { ["index.js"] = source },
        File = "index.js",
        FuncName = "f",
        Timeout = timeout,
        MemoryLimitBytes = memoryLimitBytes,
    };

    private async Task AssertNextRunIsFine()
    {
        var outcome = await _sandbox.RunAsync(Runs.Inline("module.exports.f = (a, b) => a * b;", argsJson: "[6, 7]"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("42", outcome.Result!.ToJsonString());
    }
}
