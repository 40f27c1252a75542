using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A correlation id is executed once: repeats are answered from the result store, reuse for another request is refused.</summary>
[Collection(FleetCollection.Name)]
public sealed class IdempotencyTests(FleetServices services) : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Fact]
    public async Task The_same_correlation_id_sent_twice_runs_once_and_the_second_answer_is_from_cache()
    {
        using var executions = new ExecutionCounter();
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        var request = new RunRequest { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "add", Args = [20, 22] };

        var first = await fleet.Client.RunAsync(request);
        var second = await fleet.Client.RunAsync(request);

        Assert.Equal(1, executions.ForPrefix(fleet.Name));
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(42, first.GetResult<int>());
        Assert.Equal(42, second.GetResult<int>());
    }

    [Fact]
    public async Task The_same_correlation_id_with_a_different_request_is_InvalidRequest()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        var id = Guid.NewGuid();
        await fleet.Client.RunAsync(new RunRequest { CorrelationId = id, Root = "math", File = "index.js", FuncName = "add", Args = [1, 2] });

        var fault = await Assert.ThrowsAsync<RunFaultedException>(() => fleet.Client.RunAsync<int>(
            new RunRequest { CorrelationId = id, Root = "math", File = "index.js", FuncName = "add", Args = [1, 3] }));

        Assert.Equal(RunErrorKind.InvalidRequest, fault.Kind);
        Assert.Contains("already used for a different request", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_request_with_its_JSON_written_in_another_order_is_the_same_request()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        var id = Guid.NewGuid();
        var first = new Dictionary<string, object> { ["name"] = "Ada", ["age"] = 36 };
        var reordered = new Dictionary<string, object> { ["age"] = 36, ["name"] = "Ada" };

        await fleet.Client.RunAsync(new RunRequest { CorrelationId = id, Root = "math", File = "index.js", FuncName = "greet", Args = [first] });
        var again = await fleet.Client.RunAsync(new RunRequest { CorrelationId = id, Root = "math", File = "index.js", FuncName = "greet", Args = [reordered] });

        Assert.True(again.FromCache);
        Assert.True(again.IsCompleted);
    }

    [Fact]
    public async Task Copies_of_one_request_arriving_at_two_workers_at_once_run_once()
    {
        using var executions = new ExecutionCounter();
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, workers: 2);
        var request = new RunRequest { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "delayed", Args = [300, "once"] };

        var replies = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fleet.Client.RunAsync(request)));

        Assert.Equal(1, executions.ForPrefix(fleet.Name));
        Assert.All(replies, reply => Assert.Equal("once", reply.GetResult<string>()));
        Assert.Equal(5, replies.Count(reply => reply.FromCache));
    }

    public void Dispose() => _codeBase.Dispose();
}
