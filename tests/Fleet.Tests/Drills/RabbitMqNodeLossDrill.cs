using System.Diagnostics;
using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: the RabbitMQ node that leads the work queue (a quorum queue) is killed under load. Another node takes the
/// lead, workers and the producer connected to the dead node move to the others, every request is answered with its
/// own result, none is lost and none runs twice, and the workers recover without a restart.
/// </summary>
[Collection(ClusterDrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class RabbitMqNodeLossDrill(ClusterServices cluster, ITestOutputHelper output) : IDisposable
{
    private const int _requests = 3000;
    private const int _inFlight = 64;

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    private static readonly Dictionary<string, string> _settings = LoadDrillSettings.With(LoadDrillSettings.PatientBudget);

    [Fact]
    public async Task Killing_the_node_that_leads_the_work_queue_loses_no_request_and_runs_none_twice()
    {
        await using var fleet = await DrillFleet.StartAsync(cluster, _codeBase.Root, workers: 3, _settings, clientTimeout: TimeSpan.FromSeconds(10));
        Assert.Equal("quorum", await cluster.QueueTypeAsync(fleet.Name));
        var leader = await cluster.LeaderOfAsync(fleet.Name);

        var load = SteadyLoad.Start(fleet, _requests, _inFlight);
        await load.AnsweredAsync(_requests / 3);
        var executedBefore = fleet.Workers.Select(worker => worker.Executed.Count()).ToArray();
        await cluster.KillAsync("rabbitmq", leader);
        var killedAt = load.Clock.Elapsed;
        var answeredAtKill = load.Answered;
        RunReply[] replies;
        int newLeader;
        try
        {
            replies = await load.Completion;
            newLeader = await cluster.LeaderOfAsync(fleet.Name);
        }
        finally
        {
            var restart = Stopwatch.StartNew();
            await cluster.StartAsync("rabbitmq", leader);
            output.WriteLine($"node {leader} started again and rejoined in {restart.Elapsed.TotalSeconds:0.0} s");
        }

        // Every request answered with its own result, each one the outcome stored for its id.
        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(pair.i, pair.reply.GetResult<int>()));
        Assert.Equal(_requests, replies.Select(reply => reply.CorrelationId).Distinct().Count());
        Assert.Equal(_requests, await fleet.StoredOutcomesAsync());
        var stored = await Task.WhenAll(load.Ids.Select(id => fleet.Client.GetResultAsync(id)));
        Assert.All(replies.Zip(stored), pair => Assert.Equal(pair.Second!.DurationMs, pair.First.DurationMs));

        // None ran to completion twice: redelivered copies found the claim or the stored outcome.
        var runs = fleet.Workers.SelectMany(worker => worker.Executed).ToArray();
        var ranTwice = runs.Length - runs.Distinct().Count();
        Assert.Equal(0, ranTwice);
        Assert.NotEqual(leader, newLeader);

        // The workers recovered by themselves: each ran requests after the kill and is ready, none was restarted.
        Assert.All(fleet.Workers.Zip(executedBefore), pair => Assert.True(
            pair.First.Executed.Count() > pair.Second, $"{pair.First.WorkerId} ran nothing after the node was killed:\n{pair.First.Log()}"));
        foreach (var worker in fleet.Workers)
        {
            Assert.False(worker.HasExited);
            Assert.Equal("Healthy", await worker.ReadinessWhenAsync("Healthy", TimeSpan.FromSeconds(30)));
        }

        output.WriteLine($"{_requests} requests, {_inFlight} in flight, 3 worker processes on a 3-node cluster (started in " +
            $"{cluster.StartedIn.TotalSeconds:0} s); killed node {leader} (the work queue's leader) at {killedAt.TotalSeconds:0.0} s " +
            $"with {answeredAtKill} answered; node {newLeader} took the lead; all answered in {load.Clock.Elapsed.TotalSeconds:0.0} s; " +
            $"calls that timed out and were sent again: {load.Retries.Count}; answered from the store: " +
            $"{replies.Count(reply => reply.FromCache)}; runs {runs.Length}, ran twice {ranTwice}; by worker: " +
            string.Join(", ", replies.GroupBy(reply => reply.WorkerId).Select(group => $"{group.Key}={group.Count()}")));
        foreach (var retry in load.Retries.Take(5))
        {
            output.WriteLine($"  retried: {retry}");
        }
    }

    public void Dispose() => _codeBase.Dispose();
}
