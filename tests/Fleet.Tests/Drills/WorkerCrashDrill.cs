using System.Diagnostics;
using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Drill: a worker process killed with SIGKILL while busy loses nothing and completes no id twice.</summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class WorkerCrashDrill(DrillServices services, ITestOutputHelper output) : IDisposable
{
    private const int _requests = 3000;
    private const int _inFlight = 64;

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    private static readonly Dictionary<string, string> _settings = LoadDrillSettings.With();

    [Fact]
    public async Task Killing_a_busy_worker_loses_no_request_and_completes_no_id_twice()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 3, _settings);
        var victim = fleet.Workers[0];
        var survivors = fleet.Workers.Skip(1).ToArray();
        var ids = Enumerable.Range(0, _requests).Select(_ => Guid.NewGuid()).ToArray();
        using var gate = new SemaphoreSlim(_inFlight);
        var answered = 0;
        var clock = Stopwatch.StartNew();

        async Task<RunReply> Send(int i)
        {
            await gate.WaitAsync();
            try
            {
                return await fleet.Client.RunAsync(new RunRequest
                {
                    CorrelationId = ids[i],
                    Root = "math",
                    File = "index.js",
                    FuncName = "delayed",
                    Args = [5, i],
                });
            }
            finally
            {
                Interlocked.Increment(ref answered);
                gate.Release();
            }
        }

        var load = Task.WhenAll(Enumerable.Range(0, _requests).Select(Send));
        while (Volatile.Read(ref answered) < _requests / 3 || !victim.Executed.Any())
        {
            await Task.Delay(10);
        }

        var executedBeforeKill = victim.Executed.Count();
        victim.Kill();
        var killedAt = clock.Elapsed;
        var replies = await load;
        clock.Stop();

        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(pair.i, pair.reply.GetResult<int>()));
        Assert.Equal(_requests, replies.Select(reply => reply.CorrelationId).Distinct().Count());
        Assert.Equal(_requests, await fleet.StoredOutcomesAsync());
        var stored = await Task.WhenAll(ids.Select(id => fleet.Client.GetResultAsync(id)));
        Assert.All(replies.Zip(stored), pair =>
        {
            Assert.NotNull(pair.Second);
            // One execution's duration identifies it; an answer from the store names the worker that answered.
            Assert.Equal(pair.Second.DurationMs, pair.First.DurationMs);
        });
        var survivorRuns = survivors.SelectMany(worker => worker.Executed).ToArray();
        Assert.Equal(survivorRuns.Length, survivorRuns.Distinct().Count());
        Assert.True(executedBeforeKill > 0, "the killed worker had not run anything");

        var rerun = victim.Executed.Intersect(survivorRuns).Count();
        output.WriteLine($"{_requests} requests, {_inFlight} in flight, 3 worker processes; killed {victim.WorkerId} at " +
            $"{killedAt.TotalSeconds:0.0} s after it ran {executedBeforeKill}; all answered in {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"answered from the store: {replies.Count(reply => reply.FromCache)}; run again after the kill (the dead worker's " +
            $"unstored runs): {rerun}; by worker: " +
            string.Join(", ", replies.GroupBy(reply => reply.WorkerId).Select(group => $"{group.Key}={group.Count()}")));
    }

    public void Dispose() => _codeBase.Dispose();
}
