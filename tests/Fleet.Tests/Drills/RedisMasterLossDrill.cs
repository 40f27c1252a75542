using System.Diagnostics;
using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: a Redis Cluster master is killed under load. The workers degrade (they run without the store, as in a Redis
/// outage) until the master's replica has taken over, then use the store again without a restart; every request is
/// answered with its own result and none runs twice.
/// </summary>
[Collection(ClusterDrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class RedisMasterLossDrill(ClusterServices cluster, ITestOutputHelper output) : IDisposable
{
    private const int _requests = 3000;
    private const int _inFlight = 64;
    private const string _outage = "Result store unavailable";
    private const string _recovery = "Result store available again";

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    private static readonly Dictionary<string, string> _settings =
        LoadDrillSettings.With([.. LoadDrillSettings.PatientBudget, ("IsolatedRuntime__ResultStore__RetryAfter", "00:00:01")]);

    [Fact]
    public async Task Killing_a_Redis_master_degrades_the_workers_until_its_replica_takes_over_and_loses_no_request()
    {
        await using var fleet = await DrillFleet.StartAsync(cluster, _codeBase.Root, workers: 3, _settings, clientTimeout: TimeSpan.FromSeconds(10));
        var masters = await cluster.MastersAsync();
        Assert.Equal(3, masters.Length);
        var victim = masters[Random.Shared.Next(masters.Length)];

        var load = SteadyLoad.Start(fleet, _requests, _inFlight);
        await load.AnsweredAsync(_requests / 3);
        await cluster.KillAsync("redis", victim);
        var killedAt = load.Clock.Elapsed;
        var answeredAtKill = load.Answered;
        var failover = Stopwatch.StartNew();
        int[] after;
        RunReply[] replies;
        try
        {
            // The replica is promoted once the other masters have seen the master fail (cluster-node-timeout, 2 s here).
            do
            {
                await Task.Delay(100);
                after = await cluster.MastersAsync();
            }
            while (after.Length < 3 && failover.Elapsed < TimeSpan.FromSeconds(60));
            failover.Stop();
            replies = await load.Completion;
        }
        finally
        {
            await cluster.StartAsync("redis", victim);
        }

        Assert.Equal(3, after.Length);
        Assert.DoesNotContain(victim, after);

        // Every request answered with its own result, and run exactly once: nothing was redelivered, and a worker
        // that cannot reach the store runs the request rather than waiting for it.
        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(pair.i, pair.reply.GetResult<int>()));
        Assert.Equal(_requests, replies.Select(reply => reply.CorrelationId).Distinct().Count());
        var runs = fleet.Workers.SelectMany(worker => worker.Executed).Where(load.Ids.Contains).ToArray();
        Assert.Equal(_requests, runs.Length);
        Assert.Equal(_requests, runs.Distinct().Count());
        Assert.Empty(load.Retries);

        // Degraded, then back, without a restart: every worker that lost the store gets it back with the next requests
        // after RetryAfter, and is ready.
        Assert.Contains(fleet.Workers, worker => worker.Count(_outage) > 0);
        var deadline = Stopwatch.StartNew();
        while (fleet.Workers.Any(worker => worker.Count(_outage) != worker.Count(_recovery)) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
                fleet.Client.RunAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [i, 1] })));
            await Task.Delay(500);
        }

        Assert.All(fleet.Workers, worker => Assert.Equal(worker.Count(_outage), worker.Count(_recovery)));
        foreach (var worker in fleet.Workers)
        {
            Assert.Equal("Healthy", await worker.ReadinessWhenAsync("Healthy", TimeSpan.FromSeconds(30)));
        }

        // Outcomes stored before the kill or after the failover are there; those the dead master had not passed to its
        // replica, and those run while degraded, are not (a retry of such an id runs it again).
        var stored = await Task.WhenAll(load.Ids.Select(id => fleet.Client.GetResultAsync(id)));
        Assert.All(replies.Zip(stored).Where(pair => pair.Second is not null),
            pair => Assert.Equal(pair.Second!.DurationMs, pair.First.DurationMs));
        var id = Guid.NewGuid();
        var request = new RunRequest { CorrelationId = id, Root = "math", File = "index.js", FuncName = "add", Args = [40, 2] };
        Assert.False((await fleet.Client.RunAsync(request)).FromCache);
        Assert.True((await fleet.Client.RunAsync(request)).FromCache);

        output.WriteLine($"{_requests} requests, {_inFlight} in flight, 3 worker processes, Redis Cluster of 3 masters + 3 " +
            $"replicas; killed master {victim} at {killedAt.TotalSeconds:0.0} s with {answeredAtKill} answered; its replica " +
            $"took over {failover.Elapsed.TotalSeconds:0.0} s later; all answered in {load.Clock.Elapsed.TotalSeconds:0.0} s; " +
            $"runs {runs.Length}, ran twice 0; outcomes stored {stored.Count(outcome => outcome is not null)} of {_requests}; " +
            "degraded/recovered per worker: " +
            string.Join(", ", fleet.Workers.Select(worker => $"{worker.WorkerId} {worker.Count(_outage)}/{worker.Count(_recovery)}")));
    }

    public void Dispose() => _codeBase.Dispose();
}
