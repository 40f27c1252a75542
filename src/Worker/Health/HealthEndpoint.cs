using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Health;

/// <summary>
/// The HTTP health endpoint: <c>GET /health/live</c>, <c>/health/ready</c>, <c>/health</c> on
/// <see cref="HealthOptions.Port"/>. An <see cref="HttpListener"/> rather than Kestrel: the worker is a Generic Host
/// with three read-only routes, and the ASP.NET framework would add a runtime image and a web stack for them.
/// </summary>
internal sealed partial class HealthEndpoint(
    WorkerHealth health, IServiceProvider services, IOptions<HealthOptions> options, ILogger<HealthEndpoint> logger)
    : BackgroundService
{
    private HttpListener? _listener;

    /// <summary>Listens before the host's start completes, so the endpoint answers as soon as the worker runs.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IBus>().ConnectReceiveEndpointObserver(services.GetRequiredService<BusReadiness>());
        if (options.Value.Port is { } port)
        {
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://+:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                LogListening(logger, port);
            }
            catch (HttpListenerException ex)
            {
                listener.Close();
                LogCannotListen(logger, port, ex.Message);
            }
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is not { } listener)
        {
            return;
        }

        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            _ = AnswerAsync(context, stoppingToken);
        }
    }

    public override void Dispose()
    {
        _listener?.Close();
        base.Dispose();
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken stoppingToken)
    {
        var response = context.Response;
        try
        {
            if (Route(context.Request) is not { } probe)
            {
                response.StatusCode = 404;
                return;
            }

            var report = await health.CheckAsync(probe, stoppingToken);
            var body = report.ToJson();
            response.StatusCode = report.HttpStatusCode;
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body, stoppingToken);
        }
        catch (Exception ex) when (ex is HttpListenerException or OperationCanceledException or ObjectDisposedException)
        {
            // The caller went away or the worker is stopping: nobody is left to answer.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                // Already closed by a stopping listener.
            }
        }
    }

    private static HealthProbe? Route(HttpListenerRequest request) =>
        request.HttpMethod is not ("GET" or "HEAD") ? null : request.Url?.AbsolutePath.TrimEnd('/') switch
        {
            "/health" => HealthProbe.All,
            "/health/live" => HealthProbe.Live,
            "/health/ready" => HealthProbe.Ready,
            _ => null,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Health endpoint listening on port {Port}: /health/live, /health/ready, /health")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health endpoint cannot listen on port {Port} ({Reason}); set IsolatedRuntime:Health:Port to a free port")]
    private static partial void LogCannotListen(ILogger logger, int port, string reason);
}
