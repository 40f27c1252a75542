using IsolatedRuntime.Worker.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IsolatedRuntime.Worker.Telemetry;

/// <summary>Exports the worker's metrics and traces with OpenTelemetry: Prometheus text, OTLP, or both.</summary>
internal static class TelemetryServiceCollectionExtensions
{
    private const string _massTransitSource = "MassTransit";
    private const string _otlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics: the worker's meter (runs, durations, cache, sandbox gauges) and MassTransit's (messages consumed, in
    /// flight, faults). Traces: MassTransit's spans and the run spans beneath them. Exporters follow
    /// <see cref="TelemetryOptions"/>, read once here because OpenTelemetry fixes its exporters when the host is built.
    /// </summary>
    public static IHostApplicationBuilder AddWorkerTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        builder.Services.AddHostedService<SandboxGauges>();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint is not null || !string.IsNullOrEmpty(builder.Configuration[_otlpEndpointVariable]);
        if (options.PrometheusPort is null && !otlp)
        {
            return builder;
        }

        var workerId = builder.Configuration[$"{WorkerOptions.Section}:{nameof(WorkerOptions.WorkerId)}"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: workerId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(WorkerMetrics.MeterName, _massTransitSource);
                if (options.PrometheusPort is { } port)
                {
                    metrics.AddPrometheusHttpListener(listener =>
                    {
                        listener.Port = port;

                        // All interfaces, so that Prometheus reaches the container; the option itself takes one host name.
                        listener.ConfigureHttpListener = (_, http) =>
                        {
                            http.Prefixes.Clear();
                            http.Prefixes.Add($"http://+:{port}/");
                        };
                        // Every scrape sees the counts of that moment; scrapes are seconds apart anyway.
                        listener.ScrapeResponseCacheDurationMilliseconds = 0;
                    });
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = options.OtlpEndpoint ?? exporter.Endpoint);
                }
            });

        // Traces only go out over OTLP. A tracer listening without an exporter would still make MassTransit build
        // spans for every receive, consume and send: ~25 % more worker CPU per message, for nothing.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(RunTelemetry.ActivitySourceName, _massTransitSource)
                .AddOtlpExporter(exporter => exporter.Endpoint = options.OtlpEndpoint ?? exporter.Endpoint));
        }

        return builder;
    }
}
