using IsolatedRuntime.Sandbox.Errors;
using IsolatedRuntime.Sandbox.Limits;

namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>What every room needs to know about the run in progress.</summary>
internal sealed class RunContext
{
    public required RunOptions Run { get; init; }

    /// <summary>The run's effective limits, after capping by the sandbox options.</summary>
    public required RunLimits Limits { get; init; }

    /// <summary>Canceled when the run's wall-clock budget is spent or the caller gives up.</summary>
    public required CancellationToken Deadline { get; init; }

    public RunFaultTags FaultTags { get; } = new();
}
