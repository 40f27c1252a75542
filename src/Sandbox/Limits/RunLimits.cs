namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>The budgets of one run, already capped by <see cref="SandboxOptions"/>. A null CPU budget: none.</summary>
internal sealed record RunLimits(TimeSpan Timeout, long MemoryLimitBytes, int MaxRecursionDepth, TimeSpan? CpuBudget = null);
