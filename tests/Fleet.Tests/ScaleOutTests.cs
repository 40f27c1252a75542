using IsolatedRuntime.Client;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Worker hosts on one queue share the requests between them.</summary>
[Collection(FleetCollection.Name)]
public sealed class ScaleOutTests(FleetServices services) : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Fact]
    public async Task Two_worker_hosts_share_a_burst_of_requests()
    {
        using var executions = new ExecutionCounter();
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, workers: 2);

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            fleet.Client.RunAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "delayed", Args = [20, i] })));

        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(pair.i, pair.reply.GetResult<int>()));
        var first = executions.For(FleetHarness.WorkerId(fleet.Name, 0));
        var second = executions.For(FleetHarness.WorkerId(fleet.Name, 1));
        Assert.Equal(40, first + second);
        Assert.True(first > 0 && second > 0, $"one worker took everything: {first} and {second}");
    }

    public void Dispose() => _codeBase.Dispose();
}
