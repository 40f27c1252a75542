using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>What the pool logs, as compiled message templates (no boxing or parsing per call).</summary>
internal static partial class PoolLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error,
        Message = "A slice threw on sandbox thread {ThreadName}; slices must not throw. The thread keeps serving")]
    public static partial void SliceThrew(ILogger logger, string threadName, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error,
        Message = "The {Callback} callback of a slice threw on {ThreadName}; the pool carries on")]
    public static partial void CallbackThrew(ILogger logger, string callback, string threadName, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Sandbox thread {ThreadName} retired: its slice was still running {OverrunMs} ms after its deadline plus grace. " +
            "{RetiredThreads} threads retired so far, {StuckThreads} still stuck; recycle the process if they pile up")]
    public static partial void ThreadRetired(
        ILogger logger, string threadName, long overrunMs, int retiredThreads, int stuckThreads);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information,
        Message = "Retired sandbox thread {ThreadName} returned from its abandoned slice and exits; {StuckThreads} still stuck")]
    public static partial void RetiredThreadReturned(ILogger logger, string threadName, int stuckThreads);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error,
        Message = "Could not start sandbox thread {ThreadName}; queued work waits for another thread or times out")]
    public static partial void ThreadStartFailed(ILogger logger, string threadName, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "The sandbox pool's watchdog tick failed; it ticks again")]
    public static partial void WatchdogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Sandbox thread {ThreadName} started")]
    public static partial void ThreadStarted(ILogger logger, string threadName);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Sandbox thread {ThreadName} exited")]
    public static partial void ThreadExited(ILogger logger, string threadName);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information,
        Message = "Sandbox pool stopped; {RetiredThreads} threads were retired over its life, {StuckThreads} still stuck")]
    public static partial void PoolStopped(ILogger logger, int retiredThreads, int stuckThreads);
}
