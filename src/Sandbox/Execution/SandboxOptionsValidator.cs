namespace IsolatedRuntime.Sandbox.Execution;

/// <summary>
/// Refuses sandbox settings that cannot work, naming the setting and a value that would. Module settings are checked
/// by the module loader, pool settings by the pool, each where it is used.
/// </summary>
internal static class SandboxOptionsValidator
{
    public static void Validate(SandboxOptions options)
    {
        Require(options.Pool is not null, "Pool", "must not be null", "new PoolOptions { MaxThreads = 4 }");
        Require(options.Timeout > TimeSpan.Zero, "Timeout", "must be positive", "TimeSpan.FromSeconds(5)");
        Require(options.MaxTimeout >= options.Timeout, "MaxTimeout", "must be at least Timeout", "TimeSpan.FromMinutes(1)");
        Require(options.MemoryLimitBytes > 0, "MemoryLimitBytes", "must be positive", "64 * 1024 * 1024");
        Require(options.MaxMemoryLimitBytes >= options.MemoryLimitBytes, "MaxMemoryLimitBytes", "must be at least MemoryLimitBytes", "512 * 1024 * 1024");
        Require(options.MaxCpuBudget > TimeSpan.Zero, "MaxCpuBudget", "must be positive", "TimeSpan.FromMinutes(1)");
        Require(options.MaxBatchItems > 0, "MaxBatchItems", "must be positive", "10_000");
        Require(options.MaxRecursionDepth > 0, "MaxRecursionDepth", "must be positive", "4000");
        Require(options.MaxLogBytes >= 0, "MaxLogBytes", "must not be negative", "1024 * 1024");
        Require(options.MaxResultBytes > 0, "MaxResultBytes", "must be positive", "4 * 1024 * 1024");
        Require(options.MaxErrorBytes >= 1024, "MaxErrorBytes", "must be at least 1024", "64 * 1024");
        Require(options.MaxSourceBytes > 0, "MaxSourceBytes", "must be positive", "4 * 1024 * 1024");
    }

    private static void Require(bool condition, string setting, string rule, string example)
    {
        if (!condition)
        {
            throw new ArgumentException($"SandboxOptions.{setting} {rule}; for example {example}.", setting);
        }
    }
}
