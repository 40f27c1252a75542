using System.CommandLine;

namespace IsolatedRuntime.Worker.Health;

/// <summary>
/// <c>IsolatedRuntime.Worker --probe live|ready [--port N]</c>: asks a running worker's health endpoint on this
/// machine and exits 0 (Healthy or Degraded) or 1, so container health checks need no curl or wget in the image.
/// The port defaults to <c>IsolatedRuntime__Health__Port</c>, else 8080.
/// </summary>
public static class WorkerProbe
{
    private const int _defaultPort = 8080;
    private const string _usage = "Usage: --probe live|ready [--port N] (the worker's IsolatedRuntime__Health__Port, default 8080)";

    /// <summary>True when the command line asks for a probe rather than a worker.</summary>
    public static bool IsProbe(string[] args) => args is ["--probe", ..];

    /// <summary>Runs the probe; returns the process exit code (0 healthy, 1 not, 2 bad usage).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var probe = new Option<string>("--probe")
        {
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "ready",
        }.AcceptOnlyFromAmong("live", "ready");
        var port = new Option<int>("--port") { DefaultValueFactory = _ => DefaultPort() };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is not (> 0 and <= 65535))
            {
                result.AddError("--port must be between 1 and 65535.");
            }
        });

        var parsed = new RootCommand { probe, port }.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await output.WriteLineAsync(_usage);
            return 2;
        }

        return await AskAsync(parsed.GetValue(probe) ?? "ready", parsed.GetValue(port), output);
    }

    private static async Task<int> AskAsync(string probe, int port, TextWriter output)
    {
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

    // A port that is set but not a number fails the probe as bad usage, as a bad --port does.
    private static int DefaultPort() =>
        Environment.GetEnvironmentVariable("IsolatedRuntime__Health__Port") is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : -1
            : _defaultPort;
}
