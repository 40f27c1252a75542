using System.Diagnostics;
using IsolatedRuntime.Client;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: a burst far beyond what a one-thread worker can answer in time. Every call is answered or times out at the
/// client with a retriable error, the worker's memory stays bounded (prefetch and pool queue are bounded), and it
/// stays up and serving.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class OverloadDrill(DrillServices services, ITestOutputHelper output) : IDisposable
{
    private const int _burst = 5000;
    private const long _memoryBound = 1024L * 1024 * 1024;
    private static readonly TimeSpan _callTimeout = TimeSpan.FromSeconds(10);

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    [Fact]
    public async Task A_burst_beyond_capacity_is_answered_or_timed_out_and_the_worker_stays_up()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 1, new Dictionary<string, string>
        {
            ["IsolatedRuntime__Sandbox__Pool__MaxThreads"] = "1",
        });
        var worker = fleet.Workers[0];
        var idle = worker.PeakRssBytes;
        var clock = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, _burst).Select(async i =>
        {
            try
            {
                var reply = await fleet.Client.RunAsync(
                    new RunRequest { Root = "math", File = "index.js", FuncName = "delayed", Args = [1, i] }, _callTimeout);
                return (Answered: reply.GetResult<int>() == i, Error: (Exception?)null);
            }
            catch (TimeoutException ex)
            {
                return (Answered: false, Error: ex);
            }
        }));
        clock.Stop();

        var answered = outcomes.Count(outcome => outcome.Answered);
        var timedOut = outcomes.Count(outcome => outcome.Error is not null);
        Assert.Equal(_burst, answered + timedOut);
        Assert.All(outcomes.Where(outcome => outcome.Error is not null), outcome =>
            Assert.Contains("retry with the same correlation id", outcome.Error!.Message, StringComparison.Ordinal));
        Assert.False(worker.HasExited);
        var peak = worker.PeakRssBytes;
        Assert.True(peak < _memoryBound, $"peak RSS {peak / 1048576} MB");
        Assert.Equal(42, await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [40, 2] }, TimeSpan.FromSeconds(60)));
        output.WriteLine($"{_burst} requests at once at one 1-thread worker (call timeout {_callTimeout.TotalSeconds:0} s): " +
            $"{answered} answered, {timedOut} timed out at the client, in {clock.Elapsed.TotalSeconds:0.0} s; peak RSS " +
            $"{peak / 1048576} MB (idle {idle / 1048576} MB); the worker stayed up and answered afterwards.");
    }

    public void Dispose() => _codeBase.Dispose();
}
