namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// Thrown inside a run's engine when the run used more CPU time than its budget. Not a Jint or JavaScript exception,
/// so no script <c>catch</c> can swallow it; the session maps it to <c>CpuLimit</c>.
/// </summary>
internal sealed class CpuBudgetExceededException : Exception
{
    public CpuBudgetExceededException()
        : base("The run used more CPU time than its budget.")
    {
    }

    public CpuBudgetExceededException(string message)
        : base(message)
    {
    }

    public CpuBudgetExceededException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
