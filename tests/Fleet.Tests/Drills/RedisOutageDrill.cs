using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: Redis stopped under load. Runs still complete without the cache, each worker logs the outage once, and when
/// Redis returns caching resumes without restarting anything.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class RedisOutageDrill(DrillServices services, ITestOutputHelper output) : IDisposable
{
    private const string _outage = "Result store unavailable";
    private const string _recovery = "Result store available again";

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    [Fact]
    public async Task Runs_complete_while_Redis_is_down_and_caching_resumes_when_it_returns()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 2, new Dictionary<string, string>
        {
            ["IsolatedRuntime__ResultStore__RetryAfter"] = "00:00:01",
        });
        await BatchAsync(fleet, 100, 0);

        await services.StopRedisAsync();
        try
        {
            var during = await BatchAsync(fleet, 300, 1000);
            Assert.All(during, reply => Assert.False(reply.FromCache));
            Assert.All(fleet.Workers, worker => Assert.Equal(1, worker.Count(_outage)));
            foreach (var worker in fleet.Workers)
            {
                Assert.Equal("Degraded", await worker.ReadinessWhenAsync("Degraded", TimeSpan.FromSeconds(10)));
            }
        }
        finally
        {
            await services.StartRedisAsync();
        }

        // Recovery is noticed by the first request after RetryAfter; keep traffic going until each worker has noticed.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (fleet.Workers.Any(worker => worker.Count(_recovery) == 0) && DateTime.UtcNow < deadline)
        {
            await BatchAsync(fleet, 10, 2000);
        }

        Assert.All(fleet.Workers, worker => Assert.Equal(1, worker.Count(_recovery)));
        foreach (var worker in fleet.Workers)
        {
            Assert.Equal("Healthy", await worker.ReadinessWhenAsync("Healthy", TimeSpan.FromSeconds(10)));
        }

        var id = Guid.NewGuid();
        var request = new RunRequest { CorrelationId = id, Root = "math", File = "index.js", FuncName = "add", Args = [40, 2] };
        var first = await fleet.Client.RunAsync(request);
        var again = await fleet.Client.RunAsync(request);
        Assert.False(first.FromCache);
        Assert.True(again.FromCache);
        Assert.Equal(42, again.GetResult<int>());
        Assert.NotNull(await fleet.Client.GetResultAsync(id));
        Assert.All(fleet.Workers, worker => Assert.Equal(1, worker.Count(_outage)));
        output.WriteLine("Redis stopped under load: 300 runs completed uncached; the outage and the recovery logged once per " +
            "worker; readiness Degraded during the outage, Healthy after; caching resumed without a restart.");
    }

    private static async Task<RunReply[]> BatchAsync(DrillFleet fleet, int count, int offset)
    {
        var replies = await Task.WhenAll(Enumerable.Range(offset, count).Select(i =>
            fleet.Client.RunAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [i, 1] })));
        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(offset + pair.i + 1, pair.reply.GetResult<int>()));
        return replies;
    }

    public void Dispose() => _codeBase.Dispose();
}
