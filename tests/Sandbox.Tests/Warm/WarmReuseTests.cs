using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Warm;

/// <summary>What warm runs share: the loaded module graph of one key, and only of that key; cold stays the default.</summary>
public sealed class WarmReuseTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    // A module that counts how often its top-level code ran and how often f was called: module-level state.
    private const string _counter = """
        let loads = 0;
        let calls = 0;
        loads++;
        module.exports.f = (x) => ({ loads, calls: ++calls, doubled: x * 2 });
        """;

    [Fact]
    public async Task Warm_run_returns_the_same_result_as_cold()
    {
        var source = "const util = require('util'); module.exports.f = (o) => ({ s: util.format('%s=%d', o.k, o.v), keys: Object.keys(o).sort() });";
        var cold = await Sandbox.RunAsync(WarmRuns.Of(source, """[{ "k": "a", "v": 1 }]""", warm: false));
        var first = await Sandbox.RunAsync(WarmRuns.Of(source, """[{ "k": "a", "v": 1 }]"""));
        var second = await Sandbox.RunAsync(WarmRuns.Of(source, """[{ "k": "a", "v": 1 }]"""));

        Assert.True(cold.IsCompleted, cold.Error?.Message);
        Assert.Equal(cold.Result!.ToJsonString(), first.Result!.ToJsonString());
        Assert.Equal(cold.Result!.ToJsonString(), second.Result!.ToJsonString());
    }

    [Fact]
    public async Task Second_warm_run_does_not_rerun_top_level_code_and_shares_module_state()
    {
        var first = await Sandbox.RunAsync(WarmRuns.Of(_counter, "[1]"));
        var second = await Sandbox.RunAsync(WarmRuns.Of(_counter, "[2]"));

        Assert.Equal("""{"loads":1,"calls":1,"doubled":2}""", first.Result!.ToJsonString());
        Assert.Equal("""{"loads":1,"calls":2,"doubled":4}""", second.Result!.ToJsonString());
    }

    [Fact]
    public async Task Cold_remains_the_default()
    {
        var first = await Sandbox.RunAsync(WarmRuns.Of(_counter, "[1]", warm: null));
        var second = await Sandbox.RunAsync(WarmRuns.Of(_counter, "[1]", warm: null));

        Assert.Equal("""{"loads":1,"calls":1,"doubled":2}""", first.Result!.ToJsonString());
        Assert.Equal("""{"loads":1,"calls":1,"doubled":2}""", second.Result!.ToJsonString());
    }

    [Fact]
    public async Task A_run_asking_for_a_fresh_engine_does_not_take_a_warm_one()
    {
        await Sandbox.RunAsync(WarmRuns.Of(_counter, "[1]"));
        var cold = await Sandbox.RunAsync(WarmRuns.Of(_counter, "[1]", warm: false));
        var warm = await Sandbox.RunAsync(WarmRuns.Of(_counter, "[1]"));

        Assert.Equal(1, cold.Result!["calls"]!.GetValue<int>());
        Assert.Equal(2, warm.Result!["calls"]!.GetValue<int>());
    }

    [Fact]
    public async Task Overlapping_warm_runs_of_one_key_each_get_their_own_engine()
    {
        var source = "let calls = 0; module.exports.f = () => { calls++; return new Promise(r => setTimeout(() => r(calls), 200)); };";

        var both = await Task.WhenAll(Sandbox.RunAsync(WarmRuns.Of(source)), Sandbox.RunAsync(WarmRuns.Of(source)));

        Assert.Equal([1, 1], both.Select(o => o.Result!.GetValue<int>()));
    }

    [Fact]
    public async Task Different_roots_never_share()
    {
        using var a = new TestCodeRoot().With("index.js", _counter);
        using var b = new TestCodeRoot().With("index.js", _counter);

        await Sandbox.RunAsync(WarmRun(a.Run("index.js", "f", "[1]")));
        var other = await Sandbox.RunAsync(WarmRun(b.Run("index.js", "f", "[1]")));
        var same = await Sandbox.RunAsync(WarmRun(a.Run("index.js", "f", "[1]")));

        Assert.Equal(1, other.Result!["calls"]!.GetValue<int>());
        Assert.Equal(2, same.Result!["calls"]!.GetValue<int>());
    }

    public static TheoryData<string, Func<RunOptions, RunOptions>> Variations => new()
    {
        { "external", r => Copy(r, external: ["lodash"]) },
        { "whitelisted paths", r => Copy(r, whitelist: [Path.GetTempPath()]) },
        { "resolver options", r => Copy(r, resolverOptions: """{ "tenant": "b" }""") },
        { "inline source text", r => Copy(r, sources: new Dictionary<string, string> { ["index.js"] = _counter + "\n// another tenant" }) },
        { "entry file", r => Copy(r, sources: new Dictionary<string, string> { ["index.js"] = _counter, ["main.js"] = _counter }, file: "main.js") },
        { "timeout", r => Copy(r, timeout: TimeSpan.FromSeconds(3)) },
        { "memory limit", r => Copy(r, memoryLimitBytes: 32L * 1024 * 1024) },
    };

    [Theory]
    [MemberData(nameof(Variations))]
    public async Task Runs_that_differ_in_what_require_returns_or_in_limits_never_share(string difference, Func<RunOptions, RunOptions> vary)
    {
        var baseline = WarmRuns.Of(_counter, "[1]");
        await Sandbox.RunAsync(baseline);

        var varied = await Sandbox.RunAsync(vary(baseline));

        Assert.True(varied.IsCompleted, $"{difference}: {varied.Error?.Message}");
        Assert.Equal(1, varied.Result!["calls"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_ES_module_entry_runs_correctly_when_warm_but_its_engine_is_not_kept()
    {
        RunOptions Run() => new()
        {
            Sources = new Dictionary<string, string> { ["index.mjs"] = "let calls = 0; export function f(x) { return [++calls, x * 2]; }" },
            File = "index.mjs",
            FuncName = "f",
            Args = System.Text.Json.Nodes.JsonNode.Parse("[21]"),
            Warm = true,
        };

        var first = await Sandbox.RunAsync(Run());
        var second = await Sandbox.RunAsync(Run());

        Assert.True(first.IsCompleted, first.Error?.Message);
        Assert.Equal("[1,42]", first.Result!.ToJsonString());
        Assert.Equal("[1,42]", second.Result!.ToJsonString());
    }

    [Fact]
    public async Task A_lazy_require_in_a_warm_run_faults_as_that_runs_ModuleNotFound()
    {
        var source = "module.exports.f = (name) => typeof require(name);";
        var first = await Sandbox.RunAsync(WarmRuns.Of(source, """["path"]"""));
        var second = await Sandbox.RunAsync(WarmRuns.Of(source, """["./missing"]"""));

        Assert.True(first.IsCompleted, first.Error?.Message);
        Assert.Equal(RunErrorKind.ModuleNotFound, second.Error!.Kind);
    }

    private static RunOptions WarmRun(RunOptions run) => Copy(run, warm: true);

    private static RunOptions Copy(
        RunOptions run,
        IReadOnlyList<string>? external = null,
        IReadOnlyList<string>? whitelist = null,
        string? resolverOptions = null,
        IReadOnlyDictionary<string, string>? sources = null,
        string? file = null,
        TimeSpan? timeout = null,
        long? memoryLimitBytes = null,
        bool? warm = null) => new()
        {
            Root = run.Root,
            Sources = sources ?? run.Sources,
            File = file ?? run.File,
            FuncName = run.FuncName,
            Args = run.Args?.DeepClone(),
            Context = run.Context?.DeepClone(),
            External = external ?? run.External,
            WhitelistedPaths = whitelist ?? run.WhitelistedPaths,
            ResolverOptions = resolverOptions is null ? run.ResolverOptions : System.Text.Json.Nodes.JsonNode.Parse(resolverOptions),
            Timeout = timeout ?? run.Timeout,
            MemoryLimitBytes = memoryLimitBytes ?? run.MemoryLimitBytes,
            Warm = warm ?? run.Warm,
        };
}
