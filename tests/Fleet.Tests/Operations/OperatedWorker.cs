using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A worker host started the way an operator runs one: health endpoint and Prometheus port on, and start-up not
/// waiting for the broker (so a worker that cannot reach it still starts, and says so on its endpoint).
/// </summary>
public sealed class OperatedWorker : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private OperatedWorker(IHost host, int healthPort)
    {
        _host = host;
        HealthPort = healthPort;
    }

    public int HealthPort { get; }


    /// <summary>Starts a worker with the given connection settings on a fresh queue and key prefix.</summary>
    public static async Task<OperatedWorker> StartAsync(string rabbitMq, string redis, string codeBase, string name,
        IDictionary<string, string?>? extra = null)
    {
        var healthPort = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = rabbitMq,
            ["ConnectionStrings:Redis"] = redis,
            ["IsolatedRuntime:CodeBase"] = codeBase,
            ["IsolatedRuntime:QueueName"] = name,
            ["IsolatedRuntime:WorkerId"] = $"{name}-w0",
            ["IsolatedRuntime:ResultStore:KeyPrefix"] = $"{name}:",
            ["IsolatedRuntime:Sandbox:Pool:MaxThreads"] = "2",
            ["IsolatedRuntime:Health:Port"] = healthPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = WorkerHost.Builder(settings).Build();
        await host.StartAsync();
        return new OperatedWorker(host, healthPort);
    }

    /// <summary>GET <c>/health/{probe}</c>: the HTTP status and the JSON body.</summary>
    public async Task<(int Status, JsonObject Body)> HealthAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{HealthPort}{path}"));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
        return ((int)response.StatusCode, body);
    }

    /// <summary>Polls <paramref name="path"/> until its <c>status</c> is <paramref name="expected"/> (or gives up and
    /// returns the last answer, for the assertion to show).</summary>
    public async Task<(int Status, JsonObject Body)> HealthWhenAsync(string path, string expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var answer = await HealthAsync(path);
            if ((string?)answer.Body["status"] == expected || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(200);
        }
    }


    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}
