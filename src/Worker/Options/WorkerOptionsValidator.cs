using IsolatedRuntime.Protocol.Results;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Options;

/// <summary>Refuses to start a worker whose settings cannot work, saying which setting to fix and how.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CodeBase))
        {
            failures.Add(
                "IsolatedRuntime:CodeBase is not set. Set it to the folder that request roots are relative to, " +
                "e.g. IsolatedRuntime__CodeBase=/srv/functions.");
        }
        else if (!Directory.Exists(options.CodeBase))
        {
            failures.Add(
                $"IsolatedRuntime:CodeBase names a folder that does not exist ('{options.CodeBase}'). Create it, or " +
                "point the setting at the folder that holds the function code.");
        }

        Positive(failures, "QueueName", string.IsNullOrWhiteSpace(options.QueueName) ? 0 : 1, "isolated-runtime");
        Positive(failures, "ConcurrentMessageLimit", options.ConcurrentMessageLimit ?? 1, "4");
        Positive(failures, "PrefetchCount", options.PrefetchCount ?? 1, "16");
        Positive(failures, "MaxInlineSourceBytes", options.MaxInlineSourceBytes, "1048576");
        Positive(failures, "MaxInlineFiles", options.MaxInlineFiles, "256");
        Positive(failures, "MaxArgsBytes", options.MaxArgsBytes, "1048576");
        Positive(failures, "MaxContextBytes", options.MaxContextBytes, "1048576");
        Positive(failures, "MaxRequestBytes", options.MaxRequestBytes ?? 1, "8388608");
        Positive(failures, "ShutdownTimeout", options.ShutdownTimeout.Ticks, "00:00:30");
        Positive(failures, "ResultStore:TimeToLive", options.ResultStore.TimeToLive.Ticks, "1.00:00:00");
        Positive(failures, "ResultStore:ClaimMargin", options.ResultStore.ClaimMargin.Ticks, "00:00:05");
        Positive(failures, "ResultStore:RetryAfter", options.ResultStore.RetryAfter.Ticks, "00:00:05");
        if (RunResultKeys.PrefixProblem(options.ResultStore.KeyPrefix) is { } problem)
        {
            failures.Add($"IsolatedRuntime:ResultStore:KeyPrefix {problem}. Use letters, digits and separators, e.g. IsolatedRuntime__ResultStore__KeyPrefix=isolated-runtime:.");
        }

        Positive(failures, "ResultStore:InMemoryCapacity", options.ResultStore.InMemoryCapacity, "100000");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, long value, string example)
    {
        if (value <= 0)
        {
            failures.Add($"IsolatedRuntime:{key} must be positive, e.g. IsolatedRuntime__{key.Replace(":", "__", StringComparison.Ordinal)}={example}.");
        }
    }
}
