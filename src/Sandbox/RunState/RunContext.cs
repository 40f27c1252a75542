using System.Text.Json.Nodes;
using IsolatedRuntime.Sandbox.Limits;

namespace IsolatedRuntime.Sandbox.RunState;

/// <summary>What every part of a run (modules, limits, event loop, errors) needs to know about the run in progress.</summary>
internal sealed class RunContext
{
    private readonly CancellationToken _deadline;

    public required RunOptions Run { get; init; }

    /// <summary>The run's effective limits, after capping by the sandbox options.</summary>
    public required RunLimits Limits { get; init; }

    /// <summary>
    /// Canceled when the run's wall-clock budget is spent or the caller gives up: the <see cref="Clock"/>'s token
    /// (built on first read), or the token given here when the context has no clock.
    /// </summary>
    public CancellationToken Deadline
    {
        get => Clock?.Token ?? _deadline;
        init => _deadline = value;
    }

    /// <summary>The run's budget, when the context belongs to a run of the sandbox.</summary>
    public RunClock? Clock { get; init; }

    public RunFaultTags FaultTags { get; } = new();

    /// <summary>The arguments of this call: the run's <c>args</c>, or one batch item's.</summary>
    public JsonArray? Args { get; init; }

    /// <summary>Set once the entry module is loaded and the function found: a fault after it is the call's own.</summary>
    public bool CodeLoaded { get; set; }

    /// <summary>Largest message and stack of the run's error (<see cref="SandboxOptions.MaxErrorBytes"/>).</summary>
    public int MaxErrorBytes { get; init; } = 64 * 1024;
}
