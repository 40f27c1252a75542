using System.Diagnostics;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A producer cancels a run by its correlation id: a run still in the queue is never started, a running one is
/// interrupted; both are answered <c>Canceled</c>, and that outcome is stored so a redelivery does not run it.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class CancelTests(FleetServices services, ITestOutputHelper output) : IDisposable
{
    private readonly TestCodeBase _codeBase = new TestCodeBase()
        .With("work/index.js", """
            exports.spin = (ms) => { const end = Date.now() + ms; while (Date.now() < end) {} return ms; };
            exports.sleep = (ms) => new Promise((resolve) => setTimeout(() => resolve(ms), ms));
            exports.add = (a, b) => a + b;
            """);

    // One message at a time, so that a second request waits in the queue behind the first.
    private static readonly Dictionary<string, string?> _oneAtATime = new()
    {
        ["IsolatedRuntime:ConcurrentMessageLimit"] = "1",
        ["IsolatedRuntime:PrefetchCount"] = "1",
    };

    [Fact]
    public async Task A_run_canceled_while_queued_is_never_started_and_answers_Canceled()
    {
        using var executions = new ExecutionCounter();
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, settings: _oneAtATime);
        var blocker = fleet.Client.RunAsync(Spin(1500));
        var queuedId = Guid.NewGuid();
        var queued = fleet.Client.RunAsync(Add(queuedId));

        await fleet.Client.CancelAsync(queuedId);
        var answer = await queued;

        Assert.True((await blocker).IsCompleted);
        Assert.Equal(RunErrorKind.Canceled, answer.Faulted?.Kind);
        Assert.Equal(1, executions.ForPrefix(fleet.Name));
        Assert.Equal(RunErrorKind.Canceled, (await fleet.Client.GetResultAsync(queuedId))?.Faulted?.Kind);
    }

    [Theory]
    [InlineData("spin")]
    [InlineData("sleep")]
    public async Task A_running_run_is_interrupted_and_a_retry_is_answered_from_the_store(string function)
    {
        using var executions = new ExecutionCounter();
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        // The first cancel of a process also sets up the cancel's exchange and pipelines; the second shows the steady cost.
        foreach (var attempt in new[] { "first", "second" })
        {
            var id = Guid.NewGuid();
            var request = new RunRequest
            {
                CorrelationId = id,
                Root = "work",
                File = "index.js",
                FuncName = function,
                Args = [20_000],
                Timeout = TimeSpan.FromSeconds(30),
            };
            var running = fleet.Client.RunAsync(request);
            await WaitUntilRunning(fleet);

            var canceledAt = Stopwatch.GetTimestamp();
            await fleet.Client.CancelAsync(id);
            var answer = await running;
            var latency = Stopwatch.GetElapsedTime(canceledAt);

            output.WriteLine($"{function}, {attempt} cancel: answered Canceled {latency.TotalMilliseconds:0.0} ms after CancelAsync was called");
            Assert.Equal(RunErrorKind.Canceled, answer.Faulted?.Kind);
            Assert.True(latency < TimeSpan.FromSeconds(2), $"the cancel took {latency.TotalMilliseconds:0} ms to answer");
            var retried = await fleet.Client.RunAsync(request);
            Assert.Equal(RunErrorKind.Canceled, retried.Faulted?.Kind);
            Assert.True(retried.FromCache);
        }

        Assert.Equal(2, executions.ForPrefix(fleet.Name));
    }

    [Fact]
    public async Task A_cancel_reaches_the_run_on_whichever_worker_holds_it()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, workers: 3);
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        var runs = ids.Select(id => fleet.Client.RunAsync(new RunRequest
        {
            CorrelationId = id,
            Root = "work",
            File = "index.js",
            FuncName = "sleep",
            Args = [20_000],
            Timeout = TimeSpan.FromSeconds(30),
        })).ToArray();
        await WaitUntilRunning(fleet, ids.Length);

        await Task.WhenAll(ids.Select(id => fleet.Client.CancelAsync(id)));
        var answers = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(answers, answer => Assert.Equal(RunErrorKind.Canceled, answer.Faulted?.Kind));
        Assert.True(answers.Select(answer => answer.WorkerId).Distinct().Count() > 1, "the runs all landed on one worker");
    }

    [Fact]
    public async Task Canceling_a_finished_run_keeps_its_outcome()
    {
        using var cancels = new InstrumentCounter("isolated_runtime.cancels.received");
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        var id = Guid.NewGuid();
        Assert.True((await fleet.Client.RunAsync(Add(id))).IsCompleted);

        await fleet.Client.CancelAsync(id);

        // Asked again only once the worker has handled the cancel, so the answer shows what the cancel did.
        var handled = Stopwatch.StartNew();
        while (cancels.For(fleet.Name) == 0)
        {
            Assert.True(handled.Elapsed < TimeSpan.FromSeconds(10), "the worker did not handle the cancel within 10 s");
            await Task.Delay(20);
        }

        var again = await fleet.Client.RunAsync(Add(id));
        Assert.True(again.IsCompleted);
        Assert.Equal(5, again.Completed!.Result!.Value.GetInt32());
    }

    [Fact]
    public async Task A_cancel_without_an_id_is_refused_before_it_is_sent()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => fleet.Client.CancelAsync(Guid.Empty));

        Assert.Contains("correlation id", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _codeBase.Dispose();

    private static RunRequest Spin(int ms) => new()
    {
        Root = "work",
        File = "index.js",
        FuncName = "spin",
        Args = [ms],
        Timeout = TimeSpan.FromSeconds(10),
    };

    private static RunRequest Add(Guid id) => new() { CorrelationId = id, Root = "work", File = "index.js", FuncName = "add", Args = [2, 3] };

    // The sandboxes' own count of active runs says when the runs have started.
    private static async Task WaitUntilRunning(FleetHarness fleet, int runs = 1)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 10;
        while (fleet.Workers.Sum(worker => worker.Get<IsolatedRuntime.Sandbox.JsSandbox>().GetStatistics().ActiveRuns) < runs)
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"fewer than {runs} runs started within 10 s");
            await Task.Delay(20);
        }

        // Active counts a run from admission; give it a moment to be in user code.
        await Task.Delay(200);
    }
}
