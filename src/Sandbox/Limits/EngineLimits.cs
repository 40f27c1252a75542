using Jint;
using Jint.Constraints;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// The hardening every sandboxed engine is built with: the user's engine and the operator's resolver and compiler
/// engines alike. Jint 4.x defaults are unsafe for untrusted code (no stack guard, <c>Atomics.wait</c> may block, a
/// 10 s regex timeout, no memory limit), so every setting that matters is made here, once.
/// </summary>
internal static class EngineLimits
{
    /// <summary>JSON.parse nesting allowed; Jint's default of 64 refuses legitimate documents such as serialized syntax trees.</summary>
    public const int MaxJsonParseDepth = 1_000;

    /// <summary>Smallest array element cap, so a tiny budget still allows ordinary arrays.</summary>
    internal const uint MinArrayElements = 65_536;

    /// <summary>
    /// Applies the run's limits to the options of an engine about to be built. Call it inside the engine's options
    /// callback, once per engine: the memory budget it registers belongs to that one engine (and so to one run,
    /// across all its event-loop turns).
    /// </summary>
    public static Options Apply(Options options, RunLimits limits, CancellationToken deadline)
    {
        // Atomics.wait must throw, not block the pool thread.
        options.AgentCanSuspend = false;

        // Deep recursion inside builtins (JSON.stringify, String() of nested arrays, getters, Proxy traps) becomes a
        // catchable RangeError instead of a native stack overflow that ends the process.
        options.Constraints.StackOverflowGuard = true;

        // Plain JS recursion hits this first (see PoolOptions.ThreadStackSizeBytes): RecursionLimit, uncatchable.
        options.LimitRecursion(limits.MaxRecursionDepth);

        // One wall-clock budget across every entry of the run. Regexes do not observe the token, only their own
        // timeout, which is therefore bound to the run's budget rather than Jint's 10 s default.
        options.CancellationToken(deadline);
        options.Constraints.RegexTimeout = limits.Timeout;
        options.Constraints.PromiseTimeout = limits.Timeout;

        // No CLR reaches user code. eval and Function stay allowed: they compile inside the same engine, under the
        // same limits, and libraries (template engines, polyfills) rely on them.
        options.Interop.Enabled = false;
        options.Json.MaxParseDepth = MaxJsonParseDepth;

        if (limits.MemoryLimitBytes > 0)
        {
            ApplyMemory(options, limits.MemoryLimitBytes);
        }

        return options;
    }

    /// <summary>
    /// Hardens a built engine before any script runs: the allocating builtins check the run's remaining memory
    /// budget before they allocate. Call once per engine, right after construction.
    /// </summary>
    public static void Install(Engine engine)
    {
        // A ShadowRealm is a second set of built-ins, none of them guarded: 'x'.repeat(2**29) inside one allocated
        // a gigabyte under a 64 MB budget. No Node API needs it, so it is not offered (docs/limits.md).
        engine.Global.RemoveOwnProperty("ShadowRealm");

        var budget = engine.Constraints.Find<MemoryBudget>();
        if (budget is null)
        {
            return;
        }

        budget.AttachRopeGuard(engine.Constraints.Find<MemoryLimitConstraint>());
        AllocationGuards.Install(engine, budget);
    }

    private static void ApplyMemory(Options options, long limitBytes)
    {
        var budget = new MemoryBudget(limitBytes);

        // Registered as a factory before Jint's own memory constraint (also a factory), so it is checked first and
        // can rewind that constraint's per-entry count before it is looked at.
        options.Constraint(() => budget);
        options.LimitMemory(limitBytes);

        // Every array element costs at least a reference (8 bytes), so an array longer than budget / 8 can never be
        // held; refusing it up front (Jint throws its uncatchable memory error) stops `new Array(1e9).fill(0)`.
        var maxElements = Math.Clamp(limitBytes / 8, MinArrayElements, uint.MaxValue - 1L);
        options.Constraints.MaxArraySize = (uint)maxElements;
    }
}
