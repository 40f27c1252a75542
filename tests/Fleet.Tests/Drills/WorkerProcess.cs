using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The real worker executable (<c>src/Worker</c>) as a separate process: started with its settings in environment
/// form, killed (SIGKILL) or stopped (SIGTERM) like an orchestrator would, its log lines kept for the assertions.
/// </summary>
public sealed partial class WorkerProcess : IAsyncDisposable
{
    private const string _setsid = "/usr/bin/setsid";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private long _peakRss;

    private WorkerProcess(string workerId, Process process)
    {
        WorkerId = workerId;
        _process = process;
    }

    public string WorkerId { get; }

    /// <summary>The worker's health endpoint port (<c>IsolatedRuntime__Health__Port</c>), when it was given one.</summary>
    public int? HealthPort { get; private init; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line the worker wrote so far (one line per log entry).</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Correlation ids this worker ran to the end in its sandbox, one entry per run, from its debug log.</summary>
    public IEnumerable<Guid> Executed => _lines.Select(line => RanLine().Match(line)).Where(match => match.Success)
        .Select(match => Guid.Parse(match.Groups[1].Value));

    /// <summary>Peak resident memory (VmHWM) seen so far, in bytes; read while the process is alive.</summary>
    public long PeakRssBytes
    {
        get
        {
            SamplePeakRss();
            return Interlocked.Read(ref _peakRss);
        }
    }

    /// <summary>Starts a worker with <paramref name="settings"/> (environment form) and waits until its bus has started.</summary>
    public static async Task<WorkerProcess> StartAsync(string workerId, IDictionary<string, string> settings, TimeSpan? within = null)
    {
        // Each worker in a session of its own, like a worker on its own machine: Linux shares the CPU fairly between
        // sessions (autogroups), so workers left in the test host's session would split one share of a busy machine
        // between them, and a second worker could add no CPU at all (drill 7). setsid execs in place: same process id.
        var start = new ProcessStartInfo(_setsid, ["dotnet", WorkerAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["IsolatedRuntime__WorkerId"] = workerId;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__MassTransit"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__LogLevel__IsolatedRuntime.Worker"] = "Information";
        // Named from the type, so that a move to another namespace cannot silence the lines the drills count.
        start.Environment[$"Logging__LogLevel__{typeof(IsolatedRuntime.Worker.Runs.SandboxRunner).FullName}"] = "Debug";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        var worker = new WorkerProcess(workerId, process)
        {
            HealthPort = settings.TryGetValue("IsolatedRuntime__Health__Port", out var port) ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        process.OutputDataReceived += (_, line) => worker.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => worker.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await worker.WaitForLineAsync("Bus started", within ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }

        return worker;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> has been written.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (!_lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited && !_lines.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"Worker {WorkerId} exited ({_process.ExitCode}) before writing '{text}':\n{Log()}");
            }

            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"Worker {WorkerId} wrote no '{text}' within {within}:\n{Log()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The readiness status the worker reports (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>, <c>Starting</c>).</summary>
    public async Task<string> ReadinessAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{HealthPort}/health/ready"));
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("status").GetString() ?? "";
    }

    /// <summary>Polls readiness until it is <paramref name="status"/>; returns the last status seen.</summary>
    public async Task<string> ReadinessWhenAsync(string status, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var seen = await ReadinessAsync();
        while (seen != status && clock.Elapsed < within)
        {
            await Task.Delay(200);
            seen = await ReadinessAsync();
        }

        return seen;
    }

    /// <summary>Lines containing <paramref name="text"/>.</summary>
    public int Count(string text) => _lines.Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>SIGKILL: the process dies at once, its unacknowledged messages go back to the queue.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM, as an orchestrator stops a container.</summary>
    public async Task TerminateAsync()
    {
        SamplePeakRss();
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit; false when it is still running after <paramref name="within"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The worker's log, for failure messages.</summary>
    public string Log(int last = 40) => string.Join('\n', _lines.TakeLast(last));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    private void SamplePeakRss()
    {
        try
        {
            var status = File.ReadAllLines($"/proc/{_process.Id}/status");
            var peak = status.FirstOrDefault(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (peak is not null && long.TryParse(peak["VmHWM:".Length..].Trim().Split(' ')[0], out var kilobytes))
            {
                long seen;
                do
                {
                    seen = Interlocked.Read(ref _peakRss);
                }
                while (kilobytes * 1024 > seen && Interlocked.CompareExchange(ref _peakRss, kilobytes * 1024, seen) != seen);
            }
        }
        catch (IOException)
        {
            // The process has exited; the last sample stands.
        }
    }

    // Built beside the tests: the test project references the worker project, which copies its entry assembly here.
    private static string WorkerAssembly()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "IsolatedRuntime.Worker.dll");
        return File.Exists(Path.Combine(AppContext.BaseDirectory, "IsolatedRuntime.Worker.runtimeconfig.json"))
            ? beside
            : throw new InvalidOperationException($"The worker executable was not built beside the tests ({AppContext.BaseDirectory}).");
    }

    [GeneratedRegex(@"Run ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) of .* ran ")]
    private static partial Regex RanLine();
}
