using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: the compose fleet for real, driven with the commands docs/operations.md gives ("The compose drill"). The
/// images are built, <c>up --scale worker=3</c> comes up healthy, the bench producer completes 2,000 runs (worker CPU
/// and p99 reported), a worker killed hard mid-bench loses no run, a scale-down to 1 and back to 3 under load loses
/// none, a worker whose process dies is restarted by its restart policy, and <c>down -v</c> leaves nothing behind.
/// Each step is timed.
/// </summary>
[Collection(ComposeCollection.Name)]
[Trait("Category", "Docker")]
public sealed partial class ComposeDrill(ITestOutputHelper output)
{
    private const int _workers = 3;
    private static readonly TimeSpan _healthyWithin = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan _benchWithin = TimeSpan.FromMinutes(5);

    // Runs answered so far in the bench under way, from its progress lines on stderr.
    private int _answered;

    [DockerFact]
    public async Task The_compose_fleet_scales_to_three_workers_loses_no_run_to_a_kill_or_a_rescale_and_leaves_nothing_behind()
    {
        var drill = Stopwatch.StartNew();
        var images = await Step("images (scripts/docker-images.sh)", FleetImages.EnsureAsync);
        await using var fleet = await ComposeProject.CreateAsync(images, _workers);
        var version = await ExternalCommand.RunAsync(ComposeProject.Cli[0], [.. ComposeProject.Cli.Skip(1), "version", "--short"], TimeSpan.FromSeconds(30));
        output.WriteLine($"compose: {string.Join(' ', ComposeProject.Cli)} {version.Output.Trim()}; project {fleet.Name}; images " +
            string.Join(", ", images.Select(image => $"{image.Key}={image.Value}")));

        // A cold build (restore and publish of the worker and the CLI) took 3.5 min on a busy 2-core host and did not
        // end within 5 min at a load average of 60: it gets 20.
        await Step("build (--profile bench build)", () => fleet.ComposeAsync(TimeSpan.FromMinutes(20), "--profile", "bench", "build"));
        var workers = await Step($"up -d --scale worker={_workers}, all healthy", async () =>
        {
            await fleet.ComposeAsync("up", "-d", "--scale", $"worker={_workers}");
            return await fleet.WaitForHealthyAsync("worker", _workers, _healthyWithin);
        });

        var checks = (await Task.WhenAll(workers.Select(ComposeProject.HealthCheckDurationsAsync))).SelectMany(durations => durations).ToList();
        var probe = await ComposeProject.DockerAsync("exec", workers[0].Id, "bash", "-c", "TIMEFORMAT=%3R; time worker-probe ready");
        output.WriteLine($"  worker health checks: the probe itself {probe.Errors.Trim()} s ({probe.Output.Trim()}); as the engine " +
            $"runs them (its exec included), {checks.Min().TotalMilliseconds:F0}-{checks.Max().TotalMilliseconds:F0} ms over the last {checks.Count}");

        await Step("bench: 2,000 runs through the producer", () => BenchThroughProducerAsync(fleet, workers));
        await Step("a worker killed hard mid-bench", () => KillAWorkerMidBenchAsync(fleet));
        await Step("scale to 1 and back to 3 under load", () => RescaleUnderLoadAsync(fleet));
        await Step("a worker process that dies is restarted", () => RestartPolicyAsync(fleet));

        await Step("down -v", () => fleet.ComposeAsync("--profile", "bench", "down", "-v", "--remove-orphans"));
        Assert.Empty(await fleet.LeftoversAsync());
        output.WriteLine($"compose drill: {drill.Elapsed.TotalSeconds:F0} s in all");
    }

    // The documented command, unchanged: 2000 runs of hello add(2, 3), 32 in flight, its table on stdout.
    private async Task BenchThroughProducerAsync(ComposeProject fleet, IReadOnlyList<ServiceContainer> workers)
    {
        var before = await Task.WhenAll(workers.Select(ComposeProject.CpuTimeAsync));
        var bench = await fleet.ComposeAsync("--profile", "bench", "run", "--rm", "-T", "producer");
        var after = await Task.WhenAll(workers.Select(ComposeProject.CpuTimeAsync));

        var runs = RunsLine().Match(bench.Output);
        var latency = LatencyLine().Match(bench.Output);
        Assert.True(runs.Success && latency.Success, $"the bench printed no summary table:\n{bench}");
        Assert.Equal(("2000", "2000", "0", "0"), (runs.Groups[1].Value, runs.Groups[2].Value, runs.Groups[3].Value, runs.Groups[4].Value));
        var cpu = after.Zip(before, (end, start) => end - start).ToList();
        var total = cpu.Aggregate(TimeSpan.Zero, (sum, time) => sum + time);
        output.WriteLine($"  2000/2000 completed, {RunsPerSecond().Match(bench.Output).Groups[1].Value} runs/s, " +
            $"p50 {latency.Groups[1].Value} ms, p95 {latency.Groups[2].Value} ms, p99 {latency.Groups[3].Value} ms; worker CPU " +
            $"{string.Join(" + ", cpu.Select(time => $"{time.TotalSeconds:F2}"))} = {total.TotalSeconds:F2} s " +
            $"({total.TotalMilliseconds / 2000:F2} ms a run)");

        // `run` started no worker and stopped none: the fleet is as it was scaled.
        Assert.Equal(_workers, (await fleet.ContainersAsync("worker")).Count(container => container.Status == "running"));
    }

    // docker kill is SIGKILL: the worker gets no chance to finish or hand back what it holds. RabbitMQ redelivers its
    // unacknowledged messages to the others. Being a stop through Docker, it is not undone by the restart policy.
    private async Task KillAWorkerMidBenchAsync(ComposeProject fleet)
    {
        const int count = 2000;
        var victim = (await fleet.ContainersAsync("worker")).First(container => container.Status == "running");
        var (summary, answeredAtKill) = await BenchWhileAsync(fleet, count, sleepMs: 50, atAnswered: 400,
            () => ComposeProject.DockerAsync("kill", victim.Id));

        AssertEveryRunCompleted(summary, count);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var killed = (await fleet.ContainersAsync("worker")).Single(container => container.Id == victim.Id);
        Assert.Equal(("exited", 137, 0), (killed.Status, killed.ExitCode, killed.RestartCount));
        output.WriteLine($"  killed {victim.Name} at {answeredAtKill}/{count} answered; {Describe(summary)}; " +
            $"{await RedeliveredAsync(fleet)} messages redelivered by RabbitMQ so far; {killed.Name} stays {killed.Status} " +
            "(docker kill is a manual stop for restart: unless-stopped)");
    }

    // Scale-down stops two workers with SIGTERM (each finishes its runs in flight and hands back what it prefetched);
    // scale-up starts two new ones. Runs of a 500 ms timer keep the fleet busy across both: one worker answers at most
    // 16 a second (8 messages at a time), so the bench is still sending when the scale-up is asked for.
    private async Task RescaleUnderLoadAsync(ComposeProject fleet)
    {
        const int count = 1600;
        var answeredAtScaleUp = 0;
        var answeredWhenBack = 0;
        var scaled = Stopwatch.StartNew();
        var (summary, answeredAtScaleDown) = await BenchWhileAsync(fleet, count, sleepMs: 500, atAnswered: 150, async () =>
        {
            scaled.Restart();
            await fleet.ComposeAsync("up", "-d", "--scale", "worker=1");
            await fleet.WaitForHealthyAsync("worker", 1, _healthyWithin);
            var down = scaled.Elapsed;
            answeredAtScaleUp = Volatile.Read(ref _answered);
            await fleet.ComposeAsync("up", "-d", "--scale", $"worker={_workers}");
            await fleet.WaitForHealthyAsync("worker", _workers, _healthyWithin);
            answeredWhenBack = Volatile.Read(ref _answered);
            output.WriteLine($"  scaled to 1 in {down.TotalSeconds:F1} s and back to {_workers} healthy in " +
                $"{(scaled.Elapsed - down).TotalSeconds:F1} s");
        }, waitForAction: true);

        AssertEveryRunCompleted(summary, count);
        Assert.True(answeredAtScaleUp < count, "the bench had ended before the scale-up was asked for");
        output.WriteLine($"  scale-down at {answeredAtScaleDown}/{count} answered, scale-up at {answeredAtScaleUp}/{count}, " +
            $"{_workers} healthy again at {answeredWhenBack}/{count}; {Describe(summary)}");
    }

    // A worker process that dies by itself (here: SIGKILL to its process from the host, as the OOM killer would do)
    // is brought back by "restart: unless-stopped".
    private async Task RestartPolicyAsync(ComposeProject fleet)
    {
        var victim = (await fleet.ContainersAsync("worker")).First(container => container.Status == "running");
        var commandLine = $"/proc/{victim.ProcessId}/cmdline";
        if (!File.Exists(commandLine) || !File.ReadAllText(commandLine).Contains("IsolatedRuntime.Worker", StringComparison.Ordinal))
        {
            output.WriteLine($"  skipped: the engine's processes are not on this machine ({victim.Name}'s pid {victim.ProcessId} is not a worker here)");
            return;
        }

        using (var process = Process.GetProcessById(victim.ProcessId))
        {
            process.Kill();
        }

        var deadline = DateTime.UtcNow + _healthyWithin;
        ServiceContainer restarted;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            restarted = (await fleet.ContainersAsync("worker")).Single(container => container.Id == victim.Id);
        }
        while ((restarted.RestartCount == 0 || restarted.Health != "healthy") && DateTime.UtcNow < deadline);

        Assert.Equal(("running", "healthy"), (restarted.Status, restarted.Health));
        Assert.Equal(1, restarted.RestartCount);
        output.WriteLine($"  {victim.Name}: process killed, restarted by its restart policy and healthy again");
    }

    /// <summary>
    /// Runs a bench of <paramref name="count"/> runs of async sleep(<paramref name="sleepMs"/>) through the producer
    /// and, once <paramref name="atAnswered"/> runs are answered, <paramref name="action"/>; returns the bench's figures
    /// and how many runs were answered when the action began.
    /// </summary>
    private async Task<(BenchFigures Summary, int AnsweredAtAction)> BenchWhileAsync(ComposeProject fleet, int count, int sleepMs,
        int atAnswered, Func<Task> action, bool waitForAction = false)
    {
        _answered = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bench = fleet.TryComposeAsync(_benchWithin, line =>
        {
            var progress = ProgressLine().Match(line);
            if (progress.Success)
            {
                var answered = int.Parse(progress.Groups[1].Value, CultureInfo.InvariantCulture);
                Volatile.Write(ref _answered, answered);
                if (answered >= atAnswered)
                {
                    reached.TrySetResult();
                }
            }
        }, "--profile", "bench", "run", "--rm", "-T", "--no-deps", "producer", "bench", "--broker", fleet.BrokerUri,
            "--redis", fleet.RedisConfiguration, "--root", "async", "--file", "index.js", "--func", "sleep",
            "--args", $"[{sleepMs}]", "--count", count.ToString(CultureInfo.InvariantCulture), "--concurrency", "24", "--json");

        await Task.WhenAny(reached.Task, bench);
        Assert.True(reached.Task.IsCompleted, $"the bench ended before {atAnswered} runs were answered:\n{(bench.IsCompleted ? await bench : null)}");
        var answeredAtAction = Volatile.Read(ref _answered);
        var acting = action();
        if (waitForAction)
        {
            await acting;
        }

        var result = await bench;
        await acting;
        var summary = BenchFigures.Parse(result);
        return (summary, answeredAtAction);
    }

    private static void AssertEveryRunCompleted(BenchFigures summary, int count) =>
        Assert.True(summary.Completed == count && summary.Faulted == 0 && summary.Lost == 0,
            $"of {count} runs: {summary.Completed} completed, {summary.Faulted} faulted, {summary.Lost} lost\n{summary.Result}");

    private static string Describe(BenchFigures summary) =>
        $"{summary.Completed}/{summary.Count} completed, 0 faulted, 0 lost, p99 {summary.P99Ms:F0} ms";

    // RabbitMQ's own count of redelivered messages on the workers' queue (management API; statistics lag by ~5 s).
    private static async Task<string> RedeliveredAsync(ComposeProject fleet)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            Encoding.UTF8.GetBytes($"{fleet.Settings["RABBITMQ_USER"]}:{fleet.Settings["RABBITMQ_PASSWORD"]}")));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(12);
        while (true)
        {
            using var queue = JsonDocument.Parse(await http.GetStringAsync(
                new Uri($"http://127.0.0.1:{fleet.Settings["RABBITMQ_UI_PORT"]}/api/queues/%2F/isolated-runtime")));
            if (queue.RootElement.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("redeliver", out var redelivered) &&
                redelivered.GetInt64() > 0)
            {
                return redelivered.GetInt64().ToString(CultureInfo.InvariantCulture);
            }

            if (DateTime.UtcNow > deadline)
            {
                return "0";
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<T> Step<T>(string name, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        var result = await step();
        output.WriteLine($"{name}: {clock.Elapsed.TotalSeconds:F1} s");
        return result;
    }

    private async Task Step(string name, Func<Task> step) => await Step(name, async () =>
    {
        await step();
        return true;
    });

    [GeneratedRegex(@"^runs\s+(\d+) \((\d+) completed, (\d+) faulted, (\d+) lost\)", RegexOptions.Multiline)]
    private static partial Regex RunsLine();

    // The "measured" row of the bench's latency table: runs, done after, p50, p95, p99, max (borders of any style).
    [GeneratedRegex(@"^\W*measured\W+\d+\W+[\d.]+ s\W+([\d.]+)\W+([\d.]+)\W+([\d.]+)\W", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"^runs/s\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RunsPerSecond();

    [GeneratedRegex(@"^bench: measured: (\d+)/\d+ answered")]
    private static partial Regex ProgressLine();
}
