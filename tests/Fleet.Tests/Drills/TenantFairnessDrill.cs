using System.Diagnostics;
using System.Text.Json;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol.Routing;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: one tenant floods the fleet with CPU-bound runs while another sends trivial ones. The flooding tenant is
/// listed, so its requests wait in a queue of their own, where it is held to its limit and the rest of its runs are
/// answered Overloaded at once; the other tenant's requests wait in the shared queue behind nobody's backlog.
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

    // The bound, b's p99 within 3x idle, is met on a quiet machine and not on a loaded one (docs/benchmarks.md,
    // "Tenant fairness"): the broker, both producers and the worker share 2 cores, so b's requests wait for CPU. What
    // the drill asserts is what the design guarantees: a's backlog waits in a's queue and never in front of b's
    // requests (the shared queue holds no more than b's own few), a is refused beyond its limit rather than queued,
    // and b's p99 stays under a bound that a wait behind a's backlog or its runs would break on a loaded machine
    // (256 of a's runs executed: 256 x 50 ms / 2 threads = 6.4 s; refused in front of b: 0.8-1.2 s measured).
    private static readonly TimeSpan _busyP99Bound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_flooding_listed_tenant_waits_in_its_own_queue_refused_at_its_limit_and_the_other_tenant_never_waits_behind_it()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 1, new Dictionary<string, string>
        {
            ["IsolatedRuntime__Tenants__Limits__a__MaxConcurrentRuns"] = "1",
            ["IsolatedRuntime__Tenants__Limits__a__RunsPerSecond"] = "2",
        });
        var sender = fleet.Sender;

        // Tenant b is a producer of its own, as tenants are: its answers come to its own response queue, not behind a's.
        await using var bClient = await ClientHost.StartAsync(services.RabbitMq, services.Redis, fleet.KeyPrefix, fleet.Name);
        var bSender = new RunRequestedSender(bClient.Host.Services, fleet.Name);
        await ProbeAsync(bSender, 10);

        var idle = await ProbeAsync(bSender, _probes);

        var workerCpu = Process.GetProcessById(fleet.Workers[0].ProcessId);
        var workerCpuBefore = workerCpu.TotalProcessorTime;
        var testCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var flood = new Flood(sender);
        var flooding = flood.RunAsync();
        await flood.Started.WaitAsync(TimeSpan.FromSeconds(60));
        var floodClock = Stopwatch.StartNew();
        await using var depths = await QueueDepths.StartAsync(services.RabbitMq, fleet.Name, TenantRoutes.Queue(fleet.Name, "a"));
        var busy = await ProbeAsync(bSender, _probes);
        var probesDoneAt = floodClock.Elapsed;
        var (sharedMax, aMax) = await depths.StopAsync();
        await flooding.WaitAsync(TimeSpan.FromMinutes(10));
        var floodTime = flood.Elapsed;
        workerCpu.Refresh();
        var workerCpuMs = (workerCpu.TotalProcessorTime - workerCpuBefore).TotalMilliseconds;
        var testCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - testCpuBefore).TotalMilliseconds;

        var idleP99 = P99(idle.Latencies);
        var busyP99 = P99(busy.Latencies);
        output.WriteLine(
            $"queue depths while b probed (most seen, sampled every 50 ms): shared {sharedMax}, tenant a's {aMax}. " +
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
        Assert.True(aMax > _probesAtOnce, $"tenant a's queue held at most {aMax} requests: the flood did not queue there");
        Assert.True(sharedMax <= _probesAtOnce,
            $"the shared queue held {sharedMax} requests while b sent {_probesAtOnce} at a time: a's requests waited in front of b's");
        Assert.True(
            busyP99 < _busyP99Bound.TotalMilliseconds,
            $"tenant b's p99 under the flood is {busyP99:0.0} ms ({busyP99 / idleP99:0.0}x its idle {idleP99:0.0} ms), over " +
            $"{_busyP99Bound.TotalMilliseconds:0} ms: it waited behind a's backlog or a's runs");
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

    /// <summary>The most messages seen in the shared queue and in a's queue, sampled until stopped.</summary>
    private sealed class QueueDepths : IAsyncDisposable
    {
        private readonly RawBroker _broker;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<(uint Shared, uint Tenant)> _sampling;

        private QueueDepths(RawBroker broker, string shared, string tenant)
        {
            _broker = broker;
            _sampling = SampleAsync(shared, tenant);
        }

        public static async Task<QueueDepths> StartAsync(string rabbitMq, string shared, string tenant) =>
            new(await RawBroker.ConnectAsync(rabbitMq), shared, tenant);

        public async Task<(uint Shared, uint Tenant)> StopAsync()
        {
            await _stop.CancelAsync();
            return await _sampling;
        }

        private async Task<(uint Shared, uint Tenant)> SampleAsync(string shared, string tenant)
        {
            uint sharedMax = 0, tenantMax = 0;
            while (!_stop.IsCancellationRequested)
            {
                sharedMax = Math.Max(sharedMax, await _broker.MessageCountAsync(shared));
                tenantMax = Math.Max(tenantMax, await _broker.MessageCountAsync(tenant));
                await Task.Delay(50, CancellationToken.None);
            }

            return (sharedMax, tenantMax);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _sampling.ContinueWith(_ => { }, TaskScheduler.Default);
            await _broker.DisposeAsync();
            _stop.Dispose();
        }
    }

    public void Dispose() => _codeBase.Dispose();
}
