using System.Diagnostics;

namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>
/// <see cref="PoolOptions"/> checked once and frozen, with durations converted to <see cref="Stopwatch"/> ticks so the
/// hot path compares integers. Later edits to the options object do not reach a running pool.
/// </summary>
internal sealed class PoolSettings
{
    private const int _maxThreadsCap = 1024;
    private const int _minStackBytes = 256 * 1024;

    private PoolSettings(PoolOptions options)
    {
        MinThreads = options.MinThreads;
        MaxThreads = options.MaxThreads;
        MaxQueue = options.MaxQueue;
        ThreadStackSizeBytes = options.ThreadStackSizeBytes;
        IdleTimeout = options.IdleTimeout;
        AcquireTimeoutTicks = ToStopwatchTicks(options.AcquireTimeout);
        WatchdogGraceTicks = ToStopwatchTicks(options.WatchdogGrace);
    }

    public int MinThreads { get; }

    public int MaxThreads { get; }

    public int MaxQueue { get; }

    public int ThreadStackSizeBytes { get; }

    /// <summary>How long a thread above the minimum waits for work before it exits; infinite keeps it.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary><see cref="long.MaxValue"/> when admissions may wait forever.</summary>
    public long AcquireTimeoutTicks { get; }

    /// <summary><see cref="long.MaxValue"/> when the watchdog never gives up on a slice.</summary>
    public long WatchdogGraceTicks { get; }

    /// <summary>Checks every setting and freezes them.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and a sensible value.</exception>
    public static PoolSettings From(PoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problem = FindProblem(options);
        return problem is null ? new PoolSettings(options) : throw new ArgumentException(problem, nameof(options));
    }

    /// <summary>Adds without overflowing: a deadline far in the future stays far in the future.</summary>
    public static long SaturatingAdd(long timestamp, long ticks) =>
        timestamp > long.MaxValue - ticks ? long.MaxValue : timestamp + ticks;

    private static string? FindProblem(PoolOptions o)
    {
        if (o.MaxThreads is < 1 or > _maxThreadsCap)
        {
            return $"Pool MaxThreads is {o.MaxThreads}; it must be between 1 and {_maxThreadsCap}, for example {Environment.ProcessorCount}.";
        }

        if (o.MinThreads < 0 || o.MinThreads > o.MaxThreads)
        {
            return $"Pool MinThreads is {o.MinThreads}; it must be between 0 and MaxThreads ({o.MaxThreads}), for example 1.";
        }

        if (o.MaxQueue < 0)
        {
            return $"Pool MaxQueue is {o.MaxQueue}; it must be 0 or more, for example 1024.";
        }

        if (o.ThreadStackSizeBytes < _minStackBytes)
        {
            return $"Pool ThreadStackSizeBytes is {o.ThreadStackSizeBytes}; it must be at least {_minStackBytes}, for example {16 * 1024 * 1024} (16 MB).";
        }

        return FindDurationProblem("AcquireTimeout", o.AcquireTimeout, "30 seconds")
            ?? FindDurationProblem("IdleTimeout", o.IdleTimeout, "60 seconds")
            ?? FindDurationProblem("WatchdogGrace", o.WatchdogGrace, "1 second", zeroAllowed: true);
    }

    private static string? FindDurationProblem(string name, TimeSpan value, string example, bool zeroAllowed = false)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        var tooSmall = zeroAllowed ? value < TimeSpan.Zero : value <= TimeSpan.Zero;
        var tooLarge = value.TotalMilliseconds > int.MaxValue;
        return tooSmall || tooLarge
            ? $"Pool {name} is {value}; it must be {(zeroAllowed ? "zero or more" : "more than zero")} and under 24 days (or infinite), for example {example}."
            : null;
    }

    private static long ToStopwatchTicks(TimeSpan value)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return long.MaxValue;
        }

        var ticks = value.TotalSeconds * Stopwatch.Frequency;
        return ticks >= long.MaxValue ? long.MaxValue : (long)ticks;
    }
}
