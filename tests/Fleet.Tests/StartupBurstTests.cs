using System.Diagnostics;
using System.Text.Json;
using IsolatedRuntime.Client;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A producer that sends a burst of calls from thread-pool threads right after it started is answered without
/// holding a thread per call. The client's first request used to block its thread until the bus's response queue
/// was up, so a burst held every pool thread and waited ~14 s for the pool to grow. Each test caps the thread pool a
/// little above what it has: a call that blocks a thread then hangs instead of waiting a few seconds, whatever the
/// load on the test machine. The time is printed; the figure is in docs/benchmarks.md.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class StartupBurstTests(FleetServices services, ITestOutputHelper output) : IDisposable
{
    // A hang guard, far above a healthy burst even on a heavily loaded machine (about a second when it is quiet).
    private static readonly TimeSpan _hangGuard = TimeSpan.FromSeconds(60);

    // Threads the pool may add during the burst: fewer than the calls, so that blocked calls would starve it.
    private const int _extraThreads = 8;

    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    public async Task A_fresh_generic_host_producer_has_a_burst_sent_right_after_start_answered_without_a_thread_per_call(int calls)
    {
        var name = $"test-{Guid.NewGuid():N}";
        await using var worker = await WorkerHost.StartAsync(services, _codeBase.Root, name, $"{name}:", $"{name}-w0");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddIsolatedRuntimeClient(options =>
        {
            options.RabbitMq = services.RabbitMq;
            options.QueueName = name;
        });

        // The bus is up when the calls come, as it is a moment after any service starts: the case that stalled.
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        using var producer = builder.Build();
        await producer.StartAsync();
        var client = producer.Services.GetRequiredService<IIsolatedRuntimeClient>();

        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        var cap = Math.Max(minWorkers, ThreadPool.ThreadCount + _extraThreads);
        Assert.True(ThreadPool.SetMaxThreads(cap, maxIo));
        int[] sums;
        var clock = Stopwatch.StartNew();
        try
        {
            sums = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(() =>
                client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [i, 1] }))))
                .WaitAsync(_hangGuard);
        }
        finally
        {
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
        }

        output.WriteLine($"{calls} calls answered after {clock.Elapsed.TotalSeconds:F2} s with at most {cap} thread-pool threads");
        await producer.StopAsync();
        Assert.Equal(Enumerable.Range(1, calls), sums);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    public async Task A_fresh_cli_process_has_its_first_burst_answered_without_a_thread_per_run(int calls)
    {
        var name = $"test-{Guid.NewGuid():N}";
        await using var worker = await WorkerHost.StartAsync(services, _codeBase.Root, name, $"{name}:", $"{name}-w0");

        var (exitCode, stdout, stderr) = await RunCliAsync(
            "bench", "--broker", services.RabbitMq, "--queue", name, "--root", "math", "--file", "index.js", "--func", "add",
            "--args", "[2, 3]", "--count", "1", "--concurrency", calls.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");

        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        using var summary = JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var burst = summary.RootElement.GetProperty("firstBurst");
        output.WriteLine($"start-up {summary.RootElement.GetProperty("startUpSeconds").GetDouble():F2} s, " +
            $"first burst of {calls} answered after {burst.GetProperty("seconds").GetDouble():F2} s");
        Assert.Equal(calls, burst.GetProperty("completed").GetInt32());
    }

    public void Dispose() => _codeBase.Dispose();

    // The CLI as a user runs it, in a process of its own, with its thread pool capped at 16 worker threads.
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_ThreadPool_ForceMaxWorkerThreads"] = "10"; // hexadecimal: 16
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "isolated-runtime.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(_hangGuard + TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The CLI did not finish its bench within {(_hangGuard + TimeSpan.FromSeconds(30)).TotalSeconds} s: runs are blocking its threads.");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
