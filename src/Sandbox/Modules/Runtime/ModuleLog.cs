using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Modules.Runtime;

/// <summary>What the module system tells the operator's logs.</summary>
internal static partial class ModuleLog
{
    [LoggerMessage(
        EventId = 3001,
        Level = LogLevel.Warning,
        Message = "The {Operator} failed for {Module}; the run faults with the operator module's message")]
    public static partial void OperatorFailed(ILogger logger, string @operator, string module, Exception exception);
}
