using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A batch through the real fleet: one request, one code load, one outcome per argument list, in order; an item's
/// fault is its own; the batch is stored and answered from the store like any run.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class BatchTests(FleetServices services) : IDisposable
{
    private readonly TestCodeBase _codeBase = new TestCodeBase()
        .With("batch/index.js", """
            exports.add = (a, b) => a + b;
            exports.check = (n) => { if (n < 0) throw new RangeError(`negative: ${n}`); console.log(`ok ${n}`); return n * 2; };
            exports.spin = (ms) => { const end = Date.now() + ms; while (Date.now() < end) {} return ms; };
            """)
        .With("broken/index.js", "exports.add = (a, b) => { return a + ; };");

    [Fact]
    public async Task A_batch_answers_one_outcome_per_item_in_order()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var items = await fleet.Client.RunBatchAsync(Batch("add", [[1, 2], [3, 4], [5, 6]]));

        Assert.Equal([3, 7, 11], items.Select(item => item.Result!.Value.GetInt32()));
        Assert.All(items, item => Assert.Null(item.Error));
        Assert.All(items, item => Assert.True(item.DurationMs >= 0 && item.CpuMs >= 0));
    }

    [Fact]
    public async Task An_item_that_throws_faults_alone_and_keeps_its_logs()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var items = await fleet.Client.RunBatchAsync(Batch("check", [[1], [-2], [3]]));

        Assert.Equal(2, items[0].Result!.Value.GetInt32());
        Assert.Equal(RunErrorKind.UserError, items[1].Error?.Kind);
        Assert.Equal("RangeError", items[1].Error?.ErrorName);
        Assert.Contains("negative: -2", items[1].Error?.Message, StringComparison.Ordinal);
        Assert.Equal(6, items[2].Result!.Value.GetInt32());
        Assert.Equal([new ConsoleEntry("log", "ok 3")], items[2].Logs);
    }

    [Fact]
    public async Task Stop_on_first_failure_skips_the_items_after_it()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var items = await fleet.Client.RunBatchAsync(Batch("check", [[1], [-2], [3], [4]]) with { StopOnFirstFailure = true });

        Assert.Null(items[0].Error);
        Assert.Equal(RunErrorKind.UserError, items[1].Error?.Kind);
        Assert.Equal(RunErrorKind.Skipped, items[2].Error?.Kind);
        Assert.Equal(RunErrorKind.Skipped, items[3].Error?.Kind);
    }

    [Fact]
    public async Task Each_item_has_its_own_cpu_budget()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var items = await fleet.Client.RunBatchAsync(
            Batch("spin", [[1], [2_000], [1]]) with { CpuBudget = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(5) });

        Assert.Null(items[0].Error);
        Assert.Equal(RunErrorKind.CpuLimit, items[1].Error?.Kind);
        Assert.True(items[1].CpuMs >= 100, $"the faulted item reports {items[1].CpuMs} ms of CPU");
        Assert.NotEqual(RunErrorKind.CpuLimit, items[2].Error?.Kind);
    }

    [Fact]
    public async Task A_batch_whose_code_does_not_load_is_one_fault()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var fault = await Assert.ThrowsAsync<RunFaultedException>(() => fleet.Client.RunBatchAsync(
            new RunRequest { Root = "broken", File = "index.js", FuncName = "add", ArgsBatch = [[1, 2]] }));

        Assert.Equal(RunErrorKind.SyntaxError, fault.Kind);
    }

    [Fact]
    public async Task A_retried_batch_is_answered_from_the_store_with_the_same_items()
    {
        using var executions = new ExecutionCounter();
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        var request = Batch("add", [[1, 1], [2, 2]]) with { CorrelationId = Guid.NewGuid() };

        var first = await fleet.Client.RunAsync(request);
        var again = await fleet.Client.RunAsync(request);

        Assert.True(again.FromCache);
        Assert.Equal(
            first.Items!.Select(item => item.Result!.Value.GetInt32()),
            again.Items!.Select(item => item.Result!.Value.GetInt32()));
        Assert.Equal(1, executions.ForPrefix(fleet.Name));
    }

    [Fact]
    public async Task A_batch_over_the_worker_args_cap_is_refused_with_the_setting_named()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, settings: new Dictionary<string, string?>
        {
            ["IsolatedRuntime:MaxArgsBytes"] = "1024",
        });
        var big = Enumerable.Range(0, 500).Select(i => (IReadOnlyList<object?>)[i, i]).ToArray();

        var fault = await Assert.ThrowsAsync<RunFaultedException>(() => fleet.Client.RunBatchAsync(Batch("add", big)));

        Assert.Equal(RunErrorKind.InvalidRequest, fault.Kind);
        Assert.Contains("MaxArgsBytes", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_refuses_args_beside_a_batch_before_sending()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => fleet.Client.RunBatchAsync(
            Batch("add", [[1, 2]]) with { Args = [1, 2] }));

        Assert.Contains("not both", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _codeBase.Dispose();

    private static RunRequest Batch(string function, IReadOnlyList<IReadOnlyList<object?>> items) =>
        new() { Root = "batch", File = "index.js", FuncName = function, ArgsBatch = items };
}
