using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using static IsolatedRuntime.Sandbox.Tests.Batches.Batches;

namespace IsolatedRuntime.Sandbox.Tests.Batches;

/// <summary>
/// A batch (<see cref="RunOptions.ArgsBatch"/>) loads its code once and calls the function once per item, in order;
/// each item has its own outcome, log, duration and CPU time. docs/runtime.md, "Batches".
/// </summary>
public sealed class BatchRunTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 }, MaxBatchItems = 5 })
{
    [Fact]
    public async Task Each_item_is_one_call_answered_in_order()
    {
        var batch = await Sandbox.RunAsync(Of("exports.f = (a, b) => a + b;", "[[1, 2], [3, 4], [5, 6]]"));

        Assert.True(batch.IsCompleted, batch.Error?.Message);
        Assert.Null(batch.Result);
        Assert.Equal("3 | 7 | 11", Summary(batch));
        Assert.Equal(batch.Items!.Sum(i => i.CpuTime.Ticks), batch.CpuTime.Ticks);
        Assert.True(batch.Duration >= batch.Items!.Max(i => i.Duration));
    }

    [Fact]
    public async Task The_module_is_loaded_once_and_its_state_is_shared_by_the_items()
    {
        var batch = await Sandbox.RunAsync(Of(
            "let loads = (globalThis.__loads || 0) + 1; let calls = 0; exports.f = () => [loads, ++calls];",
            "[[], [], []]"));

        Assert.Equal("[1,1] | [1,2] | [1,3]", Summary(batch));
    }

    [Fact]
    public async Task Each_item_has_its_own_console_log()
    {
        var batch = await Sandbox.RunAsync(Of("exports.f = (n) => { console.log('item', n); return n; };", "[[0], [1], [2]]"));

        for (var i = 0; i < 3; i++)
        {
            var entry = Assert.Single(batch.Items![i].Logs);
            Assert.Equal($"item {i}", entry.Message);
        }
    }

    [Fact]
    public async Task Each_item_awaits_its_own_timers()
    {
        var batch = await Sandbox.RunAsync(Of(
            "exports.f = (n) => new Promise(r => setTimeout(() => r(n * 10), 20));",
            "[[1], [2], [3]]"));

        Assert.Equal("10 | 20 | 30", Summary(batch));
        Assert.All(batch.Items!, i => Assert.True(i.Duration >= TimeSpan.FromMilliseconds(15), i.Duration.ToString()));
    }

    [Fact]
    public async Task A_faulted_item_does_not_stop_the_others_unless_asked()
    {
        const string source = "exports.f = (n) => { if (n === 1) throw new TypeError('bad ' + n); return n; };";

        var all = await Sandbox.RunAsync(Of(source, "[[0], [1], [2]]"));
        Assert.True(all.IsCompleted);
        Assert.Equal("0 | UserError | 2", Summary(all));
        Assert.Equal("bad 1", all.Items![1].Error!.Message);

        var stopped = await Sandbox.RunAsync(Of(source, "[[0], [1], [2], [3]]", stopOnFirstFailure: true));
        Assert.True(stopped.IsCompleted);
        Assert.Equal("0 | UserError | Skipped | Skipped", Summary(stopped));
        var skipped = stopped.Items![2].Error!;
        Assert.Equal("SkippedError", skipped.Name);
        Assert.Equal("Not run: item 1 of the batch calling 'f' in index.js failed first (UserError) and the batch stops on the first failure", skipped.Message);
    }

    [Fact]
    public async Task An_empty_batch_is_an_empty_completed_batch()
    {
        var batch = await Sandbox.RunAsync(Of("exports.f = () => 1;", "[]"));

        Assert.True(batch.IsCompleted);
        Assert.Empty(batch.Items!);
    }

    public static TheoryData<string, string, RunErrorKind> CodeThatDoesNotLoad => new()
    {
        { "a syntax error", "exports.f = (a => ;", RunErrorKind.SyntaxError },
        { "a missing module", "require('./nowhere'); exports.f = () => 1;", RunErrorKind.ModuleNotFound },
        { "no such function", "exports.g = () => 1;", RunErrorKind.FunctionNotFound },
        { "a top-level throw", "throw new Error('no');", RunErrorKind.UserError },
    };

    [Theory]
    [MemberData(nameof(CodeThatDoesNotLoad))]
    public async Task Code_that_does_not_load_faults_the_whole_batch_as_one_run(string name, string source, RunErrorKind kind)
    {
        var batch = await Sandbox.RunAsync(Of(source, "[[1], [2]]"));

        Assert.False(batch.IsCompleted, name);
        Assert.Null(batch.Items);
        Assert.Equal(kind, batch.Error!.Kind);
    }

    public static TheoryData<string, RunOptions, string> BadRequests => new()
    {
        { "args beside argsBatch", WithArgs(Of("exports.f = () => 1;", "[[1]]")), "not both" },
        { "argsBatch not an array", Of("exports.f = () => 1;", "{\"a\": 1}"), "'argsBatch' must be a JSON array of argument arrays" },
        { "an item not an array", Of("exports.f = () => 1;", "[[1], 2]"), "'argsBatch' item 1 must be an array" },
        { "a null item", Of("exports.f = () => 1;", "[null]"), "'argsBatch' item 0 must be an array" },
        { "more items than allowed", Of("exports.f = () => 1;", "[[], [], [], [], [], []]"), "SandboxOptions.MaxBatchItems = 5" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_malformed_batch_is_an_invalid_request(string name, RunOptions run, string says)
    {
        var outcome = await Sandbox.RunAsync(run);

        Assert.True(outcome.Error?.Kind == RunErrorKind.InvalidRequest, $"{name}: {outcome.Error?.Kind}");
        Assert.Contains(says, outcome.Error!.Message, StringComparison.Ordinal);
    }

    private static RunOptions WithArgs(RunOptions run) =>
        new() { Sources = run.Sources, File = run.File, FuncName = run.FuncName, ArgsBatch = run.ArgsBatch, Args = new System.Text.Json.Nodes.JsonArray() };
}
