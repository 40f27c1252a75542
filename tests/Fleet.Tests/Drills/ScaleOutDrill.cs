using System.Diagnostics;
using IsolatedRuntime.Client;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: a CPU-bound batch on one worker with one sandbox thread, then on two. Both workers must take a real share;
/// the speedup is measured and reported (docs/reliability.md), not asserted: this machine's 2 cores are shared.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class ScaleOutDrill(DrillServices services, ITestOutputHelper output) : IDisposable
{
    private const int _batch = 8;
    private const int _iterations = 5_000_000;

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    [Fact]
    public async Task Two_one_thread_workers_share_a_CPU_bound_batch()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 1, new Dictionary<string, string>
        {
            ["IsolatedRuntime__Sandbox__Pool__MaxThreads"] = "1",
            ["IsolatedRuntime__PrefetchCount"] = "1",
            ["IsolatedRuntime__Sandbox__Timeout"] = "00:00:30",
        });
        await BatchAsync(fleet, 2);
        var (one, _) = await BatchAsync(fleet, _batch);

        await fleet.AddWorkerAsync();
        await BatchAsync(fleet, 2);
        var (two, replies) = await BatchAsync(fleet, _batch);

        var shares = fleet.Workers.Select(worker => replies.Count(reply => reply.WorkerId == worker.WorkerId)).ToArray();
        Assert.All(shares, share => Assert.True(share >= _batch / 4, $"shares of the batch: {string.Join(", ", shares)}"));
        output.WriteLine($"{_batch} runs of a {_iterations:N0}-iteration loop: one worker {one.TotalSeconds:0.00} s, two workers " +
            $"{two.TotalSeconds:0.00} s, speedup {one / two:0.00}x; shares {string.Join(" + ", shares)}.");
    }

    private static async Task<(TimeSpan Elapsed, RunReply[] Replies)> BatchAsync(DrillFleet fleet, int count)
    {
        var clock = Stopwatch.StartNew();
        var replies = await Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            fleet.Client.RunAsync(new RunRequest { Root = "cpu", File = "index.js", FuncName = "spin", Args = [_iterations] })));
        clock.Stop();
        Assert.All(replies, reply => Assert.NotNull(reply.Completed));
        return (clock.Elapsed, replies);
    }

    public void Dispose() => _codeBase.Dispose();
}
