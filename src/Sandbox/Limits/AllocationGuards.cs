using Jint;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// Builtins that allocate a large block in one step, checked against the run's memory budget before they allocate.
/// Jint's per-statement checks only see such an allocation after it happened, when the process has already grown.
/// </summary>
internal static class AllocationGuards
{
    public static void Install(Engine engine, MemoryBudget budget)
    {
        StringAllocationGuards.Install(engine, budget);
        ArrayAllocationGuards.Install(engine, budget);
        BufferAllocationGuards.Install(engine, budget);
        BigIntGuards.Install(engine, budget);
        ReplaceGuards.Install(engine, budget);
        UriEncodingGuards.Install(engine, budget);
        JsonSizeGuard.Install(engine, budget);
    }
}
