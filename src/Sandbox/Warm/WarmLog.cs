using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>What warm reuse logs.</summary>
internal static partial class WarmLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "A warm engine for {File} was dropped after its run: {Reason}")]
    public static partial void Dropped(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restoring the warm engine for {File} after its run failed; the engine was dropped")]
    public static partial void RestoreFailed(ILogger logger, string file, Exception exception);
}
