using System.Diagnostics;
using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: RabbitMQ stopped mid-load and started again. Workers reconnect on their own; calls in flight complete or fail
/// with a retriable error; a retry under the same correlation id gets the one stored outcome.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class BrokerRestartDrill(DrillServices services, ITestOutputHelper output) : IDisposable
{
    private const int _requests = 200;

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    [Fact]
    public async Task Workers_reconnect_after_a_broker_restart_and_retries_get_the_one_stored_outcome()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 2, clientTimeout: TimeSpan.FromSeconds(10));
        var ids = Enumerable.Range(0, _requests).Select(_ => Guid.NewGuid()).ToArray();
        RunRequest Request(int i) => new() { CorrelationId = ids[i], Root = "math", File = "index.js", FuncName = "delayed", Args = [50, i] };
        using var gate = new SemaphoreSlim(16);
        var answered = 0;

        async Task<(RunReply? Reply, Exception? Error)> Send(int i)
        {
            await gate.WaitAsync();
            try
            {
                return (await fleet.Client.RunAsync(Request(i)), null);
            }
            catch (Exception ex)
            {
                return (null, ex);
            }
            finally
            {
                Interlocked.Increment(ref answered);
                gate.Release();
            }
        }

        var load = Task.WhenAll(Enumerable.Range(0, _requests).Select(Send));
        while (Volatile.Read(ref answered) < _requests / 4)
        {
            await Task.Delay(10);
        }

        var clock = Stopwatch.StartNew();
        await services.StopRabbitMqAsync();
        // Readiness must take the worker out of service while its broker is away (liveness is not asked: it stays up).
        var duringOutage = await Task.WhenAll(fleet.Workers.Select(worker => worker.ReadinessWhenAsync("Unhealthy", TimeSpan.FromSeconds(15))));
        await services.StartRabbitMqAsync();
        var outage = clock.Elapsed;
        var ready = Task.WhenAll(fleet.Workers.Select(async worker =>
        {
            // MassTransit's reconnect interval grows by 3 s up to 30 s: after a long outage (a broker restart took over a
            // minute on a machine loaded far beyond its cores) the next attempt may come 30 s after the broker is back.
            var status = await worker.ReadinessWhenAsync("Healthy", TimeSpan.FromSeconds(60));
            return (Status: status, After: clock.Elapsed - outage);
        }));
        var first = await load;
        Assert.All(duringOutage, status => Assert.Equal("Unhealthy", status));
        var afterRestart = await ready;
        Assert.All(afterRestart, worker => Assert.Equal("Healthy", worker.Status));
        var reconnected = afterRestart.Max(worker => worker.After);

        var failures = first.Where(attempt => attempt.Error is not null).Select(attempt => attempt.Error!).ToArray();
        Assert.All(failures, error => Assert.True(
            error is TimeoutException && error.Message.Contains("retry with the same correlation id", StringComparison.Ordinal),
            $"not a clear retriable error: {error.GetType().Name}: {error.Message}"));

        var replies = await Task.WhenAll(first.Select(async (attempt, i) => attempt.Reply ?? await fleet.Client.RunAsync(Request(i), TimeSpan.FromSeconds(60))));
        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(pair.i, pair.reply.GetResult<int>()));
        var stored = await Task.WhenAll(ids.Select(id => fleet.Client.GetResultAsync(id)));
        Assert.All(replies.Zip(stored), pair =>
        {
            Assert.NotNull(pair.Second);
            // One execution's duration identifies it; an answer from the store names the worker that answered.
            Assert.Equal(pair.Second.DurationMs, pair.First.DurationMs);
        });
        Assert.Equal(_requests, await fleet.StoredOutcomesAsync());

        var afterwards = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            fleet.Client.RunAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "delayed", Args = [20, i] })));
        Assert.All(fleet.Workers, worker => Assert.Contains(afterwards, reply => reply.WorkerId == worker.WorkerId));
        Assert.All(fleet.Workers, worker => Assert.False(worker.HasExited));
        output.WriteLine($"{_requests} requests, 16 in flight, 2 workers; broker down and back in {outage.TotalSeconds:0.0} s; " +
            $"{failures.Length} calls timed out (retriable) and were retried under their ids; " +
            $"{replies.Count(reply => reply.FromCache)} answers came from the store (retries and redeliveries); readiness during the outage " +
            $"{string.Join("/", duringOutage.Distinct())}, Healthy {reconnected.TotalSeconds:0.0} s after the broker was back; both workers served after the restart.");
    }

    public void Dispose() => _codeBase.Dispose();
}
