using IsolatedRuntime.Protocol.Connections;

namespace IsolatedRuntime.Protocol.Results;

/// <summary>Reads the outcomes the workers stored in Redis, under <see cref="RunResultKeys"/>.</summary>
/// <param name="redis">The workers' Redis.</param>
/// <param name="keyPrefix">The workers' key prefix (<c>IsolatedRuntime__ResultStore__KeyPrefix</c>).</param>
public sealed class RedisRunResultReader(RedisConnection redis, string keyPrefix) : IRunResultReader
{
    /// <inheritdoc/>
    public async Task<RunReply?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.GetDatabaseAsync(cancellationToken);
        var value = await database.StringGetAsync(RunResultKeys.Result(keyPrefix, correlationId)).WaitAsync(cancellationToken);
        return value.IsNull ? null : StoredRunOutcome.FromUtf8((byte[])value!)?.Reply;
    }
}
