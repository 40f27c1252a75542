using System.Runtime.ExceptionServices;
using IsolatedRuntime.Sandbox.Limits;
using Jint;

namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>
/// Runs a script the way the pool does: an engine built with <see cref="EngineLimits.Apply"/> and
/// <see cref="EngineLimits.Install"/>, on a dedicated thread with the pool's stack size.
/// </summary>
internal static class HardenedEngine
{
    public static readonly int PoolStackSize = new PoolOptions().ThreadStackSizeBytes;

    public static RunLimits Limits(long memoryBytes = 64L * 1024 * 1024, int timeoutMs = 30_000) =>
        new(TimeSpan.FromMilliseconds(timeoutMs), memoryBytes, new SandboxOptions().MaxRecursionDepth);

    public static Engine Build(RunLimits limits, CancellationToken deadline)
    {
        var engine = new Engine(options => EngineLimits.Apply(options, limits, deadline));
        EngineLimits.Install(engine);
        return engine;
    }

    /// <summary>Evaluates <paramref name="script"/> and returns its result as a string, or the exception it ended with.</summary>
    public static (string? Result, Exception? Error) Evaluate(string script, RunLimits? limits = null) =>
        OnPoolThread(() =>
        {
            var effective = limits ?? Limits();
            using var deadline = new CancellationTokenSource(effective.Timeout);
            var engine = Build(effective, deadline.Token);
            return engine.Evaluate(script).ToString();
        });

    /// <summary>Runs <paramref name="work"/> on a new thread with the pool's stack size; returns its result or exception.</summary>
    public static (T? Result, Exception? Error) OnPoolThread<T>(Func<T> work)
    {
        T? result = default;
        Exception? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception e)
                {
                    error = e;
                }
            },
            PoolStackSize);
        thread.Start();
        thread.Join();
        return (result, error);
    }

    public static void Rethrow(Exception? error)
    {
        if (error is not null)
        {
            ExceptionDispatchInfo.Capture(error).Throw();
        }
    }
}
