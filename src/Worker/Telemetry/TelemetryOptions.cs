namespace IsolatedRuntime.Worker.Telemetry;

/// <summary>Section <c>IsolatedRuntime:Telemetry</c> (environment <c>IsolatedRuntime__Telemetry__PrometheusPort</c>…).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "IsolatedRuntime:Telemetry";

    /// <summary>Port serving Prometheus text at <c>/metrics</c> on all interfaces. Unset: no scrape endpoint.</summary>
    public int? PrometheusPort { get; set; }

    /// <summary>OTLP collector for metrics and traces, e.g. <c>http://otel-collector:4317</c>. Unset: no OTLP export,
    /// unless the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The <c>service.name</c> of the worker's metrics and traces.</summary>
    public string ServiceName { get; set; } = "isolated-runtime-worker";
}
