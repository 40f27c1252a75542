using System.Diagnostics;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>
/// Builtins whose cost grows faster than their input, or whose result can be huge, are sized against the memory
/// budget before they start or check the deadline as they go: each such call ends within its run's budget (a
/// result, or the fault of the limit it would cross) and no thread is left working after the answer.
/// </summary>
[Collection(MemoryHeavy.Name)]
public sealed class DeadlineBoundTests : IAsyncLifetime
{
    private const long _mb = 1024 * 1024;

    private readonly JsSandbox _sandbox = new(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } });

    // Each case: the code, the memory budget in MB, and the kind it ends with (null: it completes). A result longer
    // than the engine's longest string is Node's RangeError 'Invalid string length' (UserError when uncaught).
    public static TheoryData<string, string, int, RunErrorKind?> Builtins => new()
    {
        { "a million-bit BigInt in hexadecimal", "module.exports.f = () => ((1n << 999000n) - 12345n).toString(16).length;", 64, null },
        { "a million-bit BigInt in binary", "module.exports.f = () => ((1n << 999000n) - 12345n).toString(2).length;", 64, null },
        { "a million-bit BigInt in decimal", "module.exports.f = () => ((1n << 999000n) - 12345n).toString(10).length;", 64, null },
        { "a million-bit BigInt in base 36", "module.exports.f = () => (-(1n << 999000n)).toString(36).length;", 64, null },
        { "a million-bit BigInt with separators", "module.exports.f = () => ((1n << 999000n) - 1n).toLocaleString().length;", 64, null },
        { "replaceAll of a string into gigabytes (a RangeError, as in Node)", "module.exports.f = () => 'x'.repeat(1000).replaceAll('x', 'y'.repeat(1e6)).length;", 64, RunErrorKind.UserError },
        { "replace with a regular expression into gigabytes (a RangeError, as in Node)", "module.exports.f = () => 'x'.repeat(1000).replace(/x/g, 'y'.repeat(1e6)).length;", 64, RunErrorKind.UserError },
        { "replaceAll whose $` grows with the square (a RangeError, as in Node)", "module.exports.f = () => 'x'.repeat(1e5).replaceAll('x', '$`').length;", 64, RunErrorKind.UserError },
        { "replace with a regular expression and $' (a RangeError, as in Node)", "module.exports.f = () => 'x'.repeat(1e5).replace(/x/g, \"$'\").length;", 64, RunErrorKind.UserError },
        { "replaceAll with a number pattern (a RangeError, as in Node)", "module.exports.f = () => '1'.repeat(1000).replaceAll(1, 'y'.repeat(1e6)).length;", 64, RunErrorKind.UserError },
        { "replaceAll on an object receiver (a RangeError, as in Node)", "module.exports.f = () => String.prototype.replaceAll.call({ toString() { return 'x'.repeat(1000); } }, 'x', 'y'.repeat(1e6)).length;", 64, RunErrorKind.UserError },
        { "a regular expression whose exec returns huge captures", "module.exports.f = () => { const big = 'c'.repeat(1e6); let n = 0; const re = /x/g; re.exec = () => n < 1000 ? Object.assign(['x', big], { index: n++ }) : null; return 'x'.repeat(1000).replace(re, '$1').length; };", 64, RunErrorKind.MemoryLimit },
        { "a named capture used many times", "module.exports.f = () => ('a'.repeat(200000)).replace(/(?<all>a+)/g, '$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>$<all>').length;", 64, RunErrorKind.MemoryLimit },
        { "encodeURIComponent of a 28 million character string", "module.exports.f = () => encodeURIComponent('é'.repeat(2.8e7)).length;", 64, RunErrorKind.MemoryLimit },
        { "encodeURI of astral characters", "module.exports.f = () => encodeURI('😀'.repeat(5e6)).length;", 64, RunErrorKind.MemoryLimit },
        { "escape of a long string", "module.exports.f = () => escape('é'.repeat(1.5e7)).length;", 64, RunErrorKind.MemoryLimit },
        { "JSON.stringify of one string shared a hundred thousand times", "module.exports.f = () => JSON.stringify(new Array(1e5).fill('x'.repeat(1e4))).length;", 64, RunErrorKind.MemoryLimit },
        { "JSON.stringify of a shared object tree", "module.exports.f = () => { let o = { s: 'x'.repeat(1000) }; for (let i = 0; i < 24; i++) o = { a: o, b: o }; return JSON.stringify(o).length; };", 64, RunErrorKind.MemoryLimit },
        { "JSON.stringify indenting a deep shared structure", "module.exports.f = () => { let o = [1]; for (let i = 0; i < 20; i++) o = [o, o]; return JSON.stringify(o, null, 10).length; };", 64, RunErrorKind.MemoryLimit },
        { "JSON.stringify of control characters", "module.exports.f = () => JSON.stringify({ s: '\\u0001'.repeat(2e7) }).length;", 64, RunErrorKind.MemoryLimit },
        { "JSON.stringify of a proxy over a shared array", "module.exports.f = () => JSON.stringify(new Proxy(new Array(1e5).fill('x'.repeat(1e4)), {})).length;", 64, RunErrorKind.MemoryLimit },
        { "join of nested shared arrays", "module.exports.f = () => new Array(1000).fill(['x'.repeat(1e6)]).join().length;", 64, RunErrorKind.MemoryLimit },
        { "toString of an array of arrays", "module.exports.f = () => String(new Array(1000).fill(['y'.repeat(1e6)])).length;", 64, RunErrorKind.MemoryLimit },
        { "join of a typed array", "module.exports.f = () => new Uint8Array(3e7).join(',').length;", 64, RunErrorKind.MemoryLimit },
        { "toUpperCase that doubles a long string", "module.exports.f = () => 'ß'.repeat(2.5e7).toUpperCase().length;", 64, RunErrorKind.MemoryLimit },
        { "replaceAll past the longest string is a RangeError the code catches", "module.exports.f = () => { try { return 'x'.repeat(1e5).replaceAll('x', 'y'.repeat(1e5)).length; } catch (e) { if (e instanceof RangeError) return 0; throw e; } };", 512, null },
        { "replace with $` past the longest string is a RangeError the code catches", "module.exports.f = () => { try { return 'x'.repeat(1e5).replace(/x/g, '$`').length; } catch (e) { if (e instanceof RangeError) return 0; throw e; } };", 512, null },
        { "a result that fits: replaceAll on a megabyte", "module.exports.f = () => 'a,b,'.repeat(250000).replaceAll(',', ';').length;", 64, null },
        { "a result that fits: a regular expression on a megabyte", "module.exports.f = () => 'a-b-'.repeat(250000).replace(/-/g, '+').length;", 64, null },
        { "a result that fits: substitutions on 200 KB", "module.exports.f = () => 'a-b-'.repeat(50000).replace(/-/g, '$&$&').length;", 64, null },
        { "substitutions at a hundred thousand matches (the engine concatenated the whole result at each)", "module.exports.f = () => 'a-b-'.repeat(100000).replace(/(?<d>-)/g, '[$<d>$1]').length;", 64, null },
        { "a capture expanded a hundred times", "module.exports.f = () => 'y'.repeat(1e6).replace(/(y+)/, '$1'.repeat(100)).length;", 64, RunErrorKind.MemoryLimit },
        { "an exec answering a billion captures", "module.exports.f = () => { const re = /x/; re.exec = () => ({ length: 1e9, 0: 'x', index: 0 }); return 'x'.replace(re, '$1').length; };", 64, RunErrorKind.MemoryLimit },
        { "a result that fits: JSON of a thousand objects", "module.exports.f = () => JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ i, s: 'x'.repeat(100), d: new Date(0) })), null, 2).length;", 64, null },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Theory]
    [MemberData(nameof(Builtins))]
    public async Task A_costly_builtin_ends_within_its_run_and_leaves_no_thread_behind(string name, string source, int memoryMb, RunErrorKind? kind)
    {
        var budget = TimeSpan.FromSeconds(10);
        var started = Stopwatch.StartNew();

        var outcome = await _sandbox.RunAsync(new RunOptions
        {
            Sources = new Dictionary<string, string> { ["index.js"] = source },
            File = "index.js",
            FuncName = "f",
            Timeout = budget,
            MemoryLimitBytes = memoryMb * _mb,
        });

        Assert.True(kind is null ? outcome.IsCompleted : outcome.Error?.Kind == kind, $"{name}: {outcome.Error?.Kind} {outcome.Error?.Message}");
        Assert.True(started.Elapsed < budget, $"{name} took {started.Elapsed}");
        Assert.Equal(0, _sandbox.GetStatistics().RetiredThreads);
        Assert.True(Environment.WorkingSet < 1536 * _mb, $"{name}: the process holds {Environment.WorkingSet / _mb} MB");
    }

    // Each case: the expression, and what Node answers for it.
    public static TheoryData<string, string> Substitutions => new()
    {
        { "'aXbXc'.replace(/(X)/g, \"<$1|$`|$'|$&|$2|$01|$10>\")", "a<X|a|bXc|X|$2|X|X0>b<X|aXb|c|X|$2|X|X0>c" },
        { "'2024-12-02'.replace(/(?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+)/, '$<d>/$<m>/$<y>')", "02/12/2024" },
        { "'abc'.replace(/b/y, '[$&]')", "abc" },
        { "'aaa'.replace(/a*?/g, '-$&')", "-a-a-a-" },
        { "'\\u{1F600}\\u{1F600}'.replace(/(?:)/gu, '|$&').length", "7" },
        { "'x'.replace(/x/, '$<n>')", "$<n>" },
        { "'ab'.replace(/(?<n>a)|(b)/g, '[$<n>$2]')", "[a][b]" },
        { "'a-b'.replace(/-/g, '$$')", "a$b" },
        { "(() => { const re = /o/g; re.lastIndex = 5; return 'foo'.replace(re, '0$&') + re.lastIndex; })()", "f0o0o0" },
    };

    [Theory]
    [MemberData(nameof(Substitutions))]
    public async Task A_replacement_with_patterns_answers_what_the_specification_answers(string expression, string expected)
    {
        var outcome = await _sandbox.RunAsync(Execution.Runs.Inline($"module.exports.f = () => String({expression});", timeout: TimeSpan.FromSeconds(30)));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(expected, outcome.Result!.GetValue<string>());
    }

    [Fact]
    public async Task BigInt_toString_answers_what_the_engine_answers_at_every_radix()
    {
        var outcome = await _sandbox.RunAsync(Execution.Runs.Inline("""
            module.exports.f = () => {
              const values = [(1n << 9000n) - 12345n, -(3n ** 6000n), (1n << 8193n)];
              const wrong = [];
              for (const v of values) {
                for (const radix of [2, 3, 7, 8, 10, 16, 32, 36]) {
                  if (parse(v.toString(radix), radix) !== v) wrong.push(radix);
                }
              }
              return { wrong, sample: ((1n << 9000n) - 1n).toString(10).slice(0, 12), grouped: (10n ** 3000n).toLocaleString().slice(0, 9) };
              function parse(text, radix) {
                const negative = text[0] === '-';
                let n = 0n;
                for (const c of negative ? text.slice(1) : text) n = n * BigInt(radix) + BigInt(parseInt(c, radix));
                return negative ? -n : n;
              }
            };
            """, timeout: TimeSpan.FromSeconds(60)));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("""{"wrong":[],"sample":"186191982360","grouped":"1,000,000"}""", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task A_run_parsing_a_huge_source_answers_at_its_deadline_and_the_parse_serves_the_next_run()
    {
        // 4 MB with a million template substitutions: seconds of parsing, which cannot be interrupted.
        var source = "module.exports.f = () => `" + string.Concat(Enumerable.Repeat("${1}", 1_000_000)) + "`.length;";
        var first = Stopwatch.StartNew();

        var timedOut = await _sandbox.RunAsync(Run(source, TimeSpan.FromMilliseconds(300)));

        Assert.Equal(RunErrorKind.Timeout, timedOut.Error?.Kind);
        Assert.True(first.Elapsed < TimeSpan.FromSeconds(3), $"the run answered after {first.Elapsed}");
        Assert.Equal(0, _sandbox.GetStatistics().RetiredThreads);

        var patient = await _sandbox.RunAsync(Run(source, TimeSpan.FromSeconds(60)));

        Assert.True(patient.IsCompleted, patient.Error?.Message);
        Assert.Equal(1_000_000, patient.Result!.GetValue<int>());
    }

    private static RunOptions Run(string source, TimeSpan timeout) => new()
    {
        Sources = new Dictionary<string, string> { ["index.js"] = source },
        File = "index.js",
        FuncName = "f",
        Timeout = timeout,
        MemoryLimitBytes = 256 * _mb,
    };
}
