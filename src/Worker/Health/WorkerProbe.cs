namespace IsolatedRuntime.Worker;

/// <summary>
/// <c>IsolatedRuntime.Worker --probe live|ready [--port N]</c>: asks a running worker's health endpoint on this
/// machine and exits 0 (Healthy or Degraded) or 1, so container health checks need no curl or wget in the image.
/// The port defaults to <c>IsolatedRuntime__Health__Port</c>, else 8080.
/// </summary>
public static class WorkerProbe
{
    private const int _defaultPort = 8080;

    /// <summary>True when the command line asks for a probe rather than a worker.</summary>
    public static bool IsProbe(string[] args) => args.Length > 0 && args[0] == "--probe";

    /// <summary>Runs the probe; returns the process exit code (0 healthy, 1 not, 2 bad usage).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var probe = args.Length > 1 ? args[1] : "ready";
        var port = PortFrom(args);
        if (probe is not ("live" or "ready") || port is null)
        {
            await output.WriteLineAsync("Usage: --probe live|ready [--port N] (the worker's IsolatedRuntime__Health__Port, default 8080)");
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/{probe}"));
            await output.WriteLineAsync(await response.Content.ReadAsStringAsync());
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"The worker's health endpoint on port {port} does not answer ({ex.Message}); is the worker running with IsolatedRuntime__Health__Port={port}?");
            return 1;
        }
    }

    private static int? PortFrom(string[] args)
    {
        var index = Array.IndexOf(args, "--port");
        var text = index >= 0 && index + 1 < args.Length ? args[index + 1] : Environment.GetEnvironmentVariable("IsolatedRuntime__Health__Port");
        if (string.IsNullOrEmpty(text))
        {
            return _defaultPort;
        }

        return int.TryParse(text, out var port) && port is > 0 and <= 65535 ? port : null;
    }
}
