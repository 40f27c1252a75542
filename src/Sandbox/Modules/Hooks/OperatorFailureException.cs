using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Modules.Hooks;

/// <summary>
/// An operator module (resolver or compiler) failed: it threw, returned something unusable, or could not be
/// loaded. The message says what went wrong in the operator's code; the caller turns it into a run fault.
/// </summary>
internal sealed class OperatorFailureException : Exception
{
    public OperatorFailureException()
    {
    }

    public OperatorFailureException(string message)
        : base(message)
    {
    }

    public OperatorFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True for the run's deadline or cancellation: those are not the operator module's fault and must reach the
    /// sandbox unchanged, so the run faults as <c>Timeout</c> or <c>Canceled</c>.
    /// </summary>
    public static bool IsRunBudget(Exception exception) =>
        exception is OperationCanceledException or ExecutionCanceledException or TimeoutException;
}
