using System.Net.Sockets;
using System.Text.Json;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The Docker engine the tests may use: the one <c>DOCKER_HOST</c> names (a unix socket or tcp://host:port), else
/// <c>/var/run/docker.sock</c>. <c>scripts/docker-engine.sh up</c> starts one where none runs.
/// </summary>
public static class DockerEngine
{
    /// <summary>Set to 1 where an engine must answer (CI): tests that need one then fail instead of being skipped.</summary>
    public const string RequiredVariable = "ISOLATED_RUNTIME_REQUIRE_DOCKER";

    private static readonly Lazy<string?> _apiVersion = new(() => ProbeAsync().GetAwaiter().GetResult());

    /// <summary>True when an engine must answer here (<see cref="RequiredVariable"/> is 1).</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>The highest API version the engine speaks ("1.41"), or null when no engine answers within 2 seconds.</summary>
    public static string? ApiVersion => _apiVersion.Value;

    public static bool Answers => ApiVersion is not null;

    /// <summary>Where the tests look for the engine, for messages.</summary>
    public static string Address => Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock";

    /// <summary>Why a test that needs the engine cannot run, for its skip or failure message.</summary>
    public static string Missing =>
        $"no Docker engine answers at {Address}. Start one with 'eval \"$(scripts/docker-engine.sh up)\"' (installs Debian's " +
        "docker.io when missing and starts dockerd with its own folder; root needed), or point DOCKER_HOST at one.";

    /// <summary>Fails with <see cref="Missing"/> unless an engine answers.</summary>
    public static void EnsureAnswers()
    {
        if (!Answers)
        {
            throw new InvalidOperationException(Missing);
        }
    }

    /// <summary>GET <paramref name="path"/> of the engine's HTTP API (unversioned: the engine's own version).</summary>
    public static async Task<JsonDocument> GetJsonAsync(string path, TimeSpan timeout)
    {
        using var http = CreateClient(timeout) ?? throw new InvalidOperationException(Missing);
        return JsonDocument.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative)));
    }

    // A fast yes or no with the engine's own answer: the docker CLI and Testcontainers can wait long for an engine that
    // is not there.
    private static async Task<string?> ProbeAsync()
    {
        try
        {
            using var version = await GetJsonAsync("version", TimeSpan.FromSeconds(2));
            return version.RootElement.GetProperty(nameof(ApiVersion)).GetString();
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or TaskCanceledException or JsonException
            or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static HttpClient? CreateClient(TimeSpan timeout)
    {
        var address = Address;
        var handler = new SocketsHttpHandler();
        Uri baseAddress;
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            var socketPath = address["unix://".Length..];
            if (!File.Exists(socketPath))
            {
                handler.Dispose();
                return null;
            }

            handler.ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                return new NetworkStream(socket, ownsSocket: true);
            };
            baseAddress = new Uri("http://docker/");
        }
        else if (address.StartsWith("tcp://", StringComparison.Ordinal))
        {
            baseAddress = new Uri("http://" + address["tcp://".Length..].TrimEnd('/') + "/");
        }
        else
        {
            handler.Dispose();
            return null;
        }

        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = timeout };
    }
}
