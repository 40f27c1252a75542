using System.Text.Json.Nodes;
using IsolatedRuntime.Sandbox.Tests.Execution;
using static IsolatedRuntime.Sandbox.Tests.Batches.Batches;

namespace IsolatedRuntime.Sandbox.Tests.Batches;

/// <summary>
/// A batch that opts in to warm reuse (<see cref="RunOptions.Warm"/>) starts on an idle warm engine of its key, so its
/// code is not loaded again, and hands the engine back after its last item, put back as after any warm run: batches
/// and single warm runs of one function share module state, as warm runs do. docs/runtime.md, "Batches".
/// </summary>
public sealed class WarmBatchTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 }, MaxBatchItems = 5 })
{
    private const string _countsItsCalls = "let calls = 0; exports.f = () => ++calls;";

    [Fact]
    public async Task A_warm_batch_continues_the_module_state_of_warm_runs_and_leaves_its_own_to_the_next()
    {
        var before = await Sandbox.RunAsync(Single(_countsItsCalls));
        var batch = await Sandbox.RunAsync(Of(_countsItsCalls, "[[], [], []]", warm: true));
        var after = await Sandbox.RunAsync(Single(_countsItsCalls));

        Assert.Equal("1", before.Result!.ToJsonString());
        Assert.Equal("2 | 3 | 4", Summary(batch));
        Assert.Equal("5", after.Result!.ToJsonString());
    }

    [Fact]
    public async Task A_batch_that_does_not_opt_in_neither_takes_nor_leaves_a_warm_engine()
    {
        var before = await Sandbox.RunAsync(Single(_countsItsCalls));
        var batch = await Sandbox.RunAsync(Of(_countsItsCalls, "[[], []]"));
        var after = await Sandbox.RunAsync(Single(_countsItsCalls));

        Assert.Equal("1", before.Result!.ToJsonString());
        Assert.Equal("1 | 2", Summary(batch));
        Assert.Equal("2", after.Result!.ToJsonString());
    }

    [Fact]
    public async Task What_a_warm_batch_item_does_to_the_globals_does_not_reach_the_next_warm_run()
    {
        const string source = """
            exports.f = (what) => {
              if (what === 'plant') { globalThis.planted = 'secret'; Array.prototype.leak = 'secret'; return 'planted'; }
              return [typeof globalThis.planted, typeof [].leak];
            };
            """;

        var batch = await Sandbox.RunAsync(Of(source, """[["plant"], ["look"]]""", warm: true));
        var after = await Sandbox.RunAsync(Single(source, """["look"]"""));

        Assert.Equal("""["undefined","undefined"]""", batch.Items![1].Result!.ToJsonString());
        Assert.True(after.IsCompleted, after.Error?.Message);
        Assert.Equal("""["undefined","undefined"]""", after.Result!.ToJsonString());
    }

    [Fact]
    public async Task A_warm_batch_whose_item_hits_a_limit_leaves_no_engine_behind_it()
    {
        const string source = "let calls = 0; exports.f = (spin) => { calls++; if (spin) { for (;;) {} } return calls; };";

        // One timeout for all three: a warm engine is shared only by runs of the same code under the same limits. Long
        // enough for a cold first run on a loaded machine (at 300 ms one timed out in CI and left no engine to share).
        var timeout = TimeSpan.FromSeconds(2);
        var before = await Sandbox.RunAsync(Single(source, "[false]", timeout));
        Assert.True(before.IsCompleted, before.Error?.Message);
        var batch = await Sandbox.RunAsync(Of(source, "[[false], [true]]", timeout: timeout, warm: true));
        var after = await Sandbox.RunAsync(Single(source, "[false]", timeout));

        Assert.Equal("2 | Timeout", Summary(batch));
        Assert.Equal("1", after.Result!.ToJsonString());
    }

    private static RunOptions Single(string source, string argsJson = "[]", TimeSpan? timeout = null) => new()
    {
        Timeout = timeout,
        Sources = new Dictionary<string, string> { ["index.js"] = source },
        File = "index.js",
        FuncName = "f",
        Args = JsonNode.Parse(argsJson),
        Warm = true,
    };
}
