using System.Diagnostics;
using IsolatedRuntime.Sandbox;

namespace IsolatedRuntime.Worker.Telemetry;

/// <summary>One run being measured: <see cref="Completed"/> records its outcome, disposing ends the span.</summary>
internal readonly struct RunSpan(RunTelemetry telemetry, Activity? activity, long started) : IDisposable
{
    public void Completed(RunOutcome outcome) => telemetry.Record(activity, started, outcome);

    public void Dispose() => activity?.Dispose();
}
