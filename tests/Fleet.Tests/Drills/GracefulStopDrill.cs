using System.Diagnostics;
using IsolatedRuntime.Client;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: SIGTERM to a worker process with runs in flight. They finish and are answered by it, it takes nothing new,
/// what it held unacknowledged goes to the other worker, and it exits 0 within its stop timeout.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class GracefulStopDrill(DrillServices services, ITestOutputHelper output) : IDisposable
{
    private const int _requests = 16;
    private const int _concurrency = 2;
    private static readonly TimeSpan _shutdownTimeout = TimeSpan.FromSeconds(15);

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    [Fact]
    public async Task A_terminated_worker_finishes_its_runs_hands_back_the_rest_and_exits_0()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 2, new Dictionary<string, string>
        {
            ["IsolatedRuntime__ShutdownTimeout"] = _shutdownTimeout.ToString(),
            ["IsolatedRuntime__ConcurrentMessageLimit"] = $"{_concurrency}",
        });
        var stopping = fleet.Workers[0];
        var load = Task.WhenAll(Enumerable.Range(0, _requests).Select(i =>
            fleet.Client.RunAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "delayed", Args = [2000, i] })));

        // Runs take 2 s: a second after sending, both workers hold runs in flight and prefetched messages.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        await stopping.TerminateAsync();
        var exited = await stopping.WaitForExitAsync(_shutdownTimeout + TimeSpan.FromSeconds(10));
        var exitTime = clock.Elapsed;
        var replies = await load;

        Assert.True(exited, $"the worker was still running {exitTime} after SIGTERM:\n{stopping.Log()}");
        Assert.Equal(0, stopping.ExitCode);
        Assert.True(exitTime < _shutdownTimeout, $"the worker took {exitTime} to stop, over its stop timeout of {_shutdownTimeout}");
        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(pair.i, pair.reply.GetResult<int>()));
        var answeredByStopping = replies.Count(reply => reply.WorkerId == stopping.WorkerId);
        await LogsCaughtUpAsync(fleet);
        Assert.InRange(answeredByStopping, 1, _concurrency);
        Assert.Equal(answeredByStopping, stopping.Executed.Count());
        Assert.Equal(_requests, fleet.Workers.Sum(worker => worker.Executed.Count()));
        output.WriteLine($"SIGTERM with runs in flight: exit code {stopping.ExitCode} after {exitTime.TotalSeconds:0.0} s " +
            $"(stop timeout {_shutdownTimeout.TotalSeconds:0} s); it answered {answeredByStopping} in-flight runs, the other " +
            $"worker {_requests - answeredByStopping}.");
    }

    // A run's "ran" line travels through the worker's console logger and a pipe, while its answer goes through the
    // broker: the answer may arrive first, so the logs get a few seconds to show every run before they are counted.
    private static async Task LogsCaughtUpAsync(DrillFleet fleet)
    {
        var clock = Stopwatch.StartNew();
        while (fleet.Workers.Sum(worker => worker.Executed.Count()) < _requests && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
        }
    }

    public void Dispose() => _codeBase.Dispose();
}
