using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Client;

/// <summary>A run asked of the fleet did not complete. <see cref="Kind"/> says why and whether a retry can help.</summary>
public sealed class RunFaultedException : Exception
{
    /// <summary>Creates the exception for the fleet's fault answer.</summary>
    public RunFaultedException(RunFaulted fault)
        : base(fault.Message) => Fault = fault;

    /// <summary>The fault as the fleet sent it.</summary>
    public RunFaulted Fault { get; }

    /// <summary>The class of failure.</summary>
    public RunErrorKind Kind => Fault.Kind;

    /// <summary>The script's error name (<c>TypeError</c>…) or the limit's name.</summary>
    public string ErrorName => Fault.ErrorName;

    /// <summary>The script's stack: sandbox frames with root-relative file names.</summary>
    public string? ScriptStack => Fault.Stack;

    /// <summary>What the run wrote through <c>console</c> before it faulted.</summary>
    public IReadOnlyList<ConsoleEntry> Logs => Fault.Logs;

    /// <summary>The id of the faulted request.</summary>
    public Guid CorrelationId => Fault.CorrelationId;
}
