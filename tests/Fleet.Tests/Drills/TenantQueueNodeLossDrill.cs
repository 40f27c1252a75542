using System.Diagnostics;
using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Routing;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: a listed tenant's own queue is a quorum queue on a RabbitMQ cluster like the work queue, and the node that
/// leads it is killed under that tenant's load. Another node takes the lead, every request of the tenant is answered
/// with its own result, none is lost and none runs twice.
/// </summary>
[Collection(ClusterDrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class TenantQueueNodeLossDrill(ClusterServices cluster, ITestOutputHelper output) : IDisposable
{
    private const int _requests = 1500;
    private const int _inFlight = 64;
    private const string _tenant = "acme";

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    [Fact]
    public async Task Killing_the_node_that_leads_a_listed_tenants_queue_loses_none_of_its_requests_and_runs_none_twice()
    {
        var settings = LoadDrillSettings.With(LoadDrillSettings.PatientBudget);

        // Listed with a limit it never reaches: its runs are routed to its queue, never refused.
        settings[$"IsolatedRuntime__Tenants__Limits__{_tenant}__MaxConcurrentRuns"] = "1000";
        await using var fleet = await DrillFleet.StartAsync(cluster, _codeBase.Root, workers: 3, settings, clientTimeout: TimeSpan.FromSeconds(10));
        var queue = TenantRoutes.Queue(fleet.Name, _tenant);
        Assert.Equal("quorum", await cluster.QueueTypeAsync(queue));
        Assert.Equal("quorum", await cluster.QueueTypeAsync(fleet.Name));
        var leader = await cluster.LeaderOfAsync(queue);

        var load = SteadyLoad.Start(fleet, _requests, _inFlight, tenant: _tenant);
        await load.AnsweredAsync(_requests / 3);
        await cluster.KillAsync("rabbitmq", leader);
        var killedAt = load.Clock.Elapsed;
        RunReply[] replies;
        int newLeader;
        try
        {
            replies = await load.Completion;
            newLeader = await cluster.LeaderOfAsync(queue);
        }
        finally
        {
            var restart = Stopwatch.StartNew();
            await cluster.StartAsync("rabbitmq", leader);
            output.WriteLine($"node {leader} started again and rejoined in {restart.Elapsed.TotalSeconds:0.0} s");
        }

        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(pair.i, pair.reply.GetResult<int>()));
        Assert.Equal(_requests, replies.Select(reply => reply.CorrelationId).Distinct().Count());
        var runs = fleet.Workers.SelectMany(worker => worker.Executed).ToArray();
        Assert.Equal(0, runs.Length - runs.Distinct().Count());
        Assert.NotEqual(leader, newLeader);

        output.WriteLine($"{_requests} requests of listed tenant {_tenant}, {_inFlight} in flight, 3 workers on a 3-node cluster; " +
            $"killed node {leader} (leader of {queue}) at {killedAt.TotalSeconds:0.0} s; node {newLeader} took the lead; all " +
            $"answered in {load.Clock.Elapsed.TotalSeconds:0.0} s; calls sent again after a timeout: {load.Retries.Count}; " +
            $"answered from the store: {replies.Count(reply => reply.FromCache)}; runs {runs.Length}.");
    }

    public void Dispose() => _codeBase.Dispose();
}
