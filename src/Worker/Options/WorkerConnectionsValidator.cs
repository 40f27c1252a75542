using IsolatedRuntime.Protocol.Connections;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Worker.Options;

/// <summary>Refuses to start a fleet worker without a usable broker URI, or with a malformed Redis string.</summary>
internal sealed class WorkerConnectionsValidator(WorkerTransport transport) : IValidateOptions<WorkerConnections>
{
    public ValidateOptionsResult Validate(string? name, WorkerConnections options)
    {
        var failures = new List<string>();
        if (transport == WorkerTransport.RabbitMq)
        {
            Check(failures, () => RabbitMqConnection.Parse(options.RabbitMq));
        }

        if (options.Redis is { } redis)
        {
            Check(failures, () => RedisConnection.Parse(redis));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, Action parse)
    {
        try
        {
            parse();
        }
        catch (ArgumentException ex)
        {
            failures.Add(ex.Message);
        }
    }
}
