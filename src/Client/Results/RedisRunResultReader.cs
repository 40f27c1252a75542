namespace IsolatedRuntime.Client;

/// <summary>Reads the outcomes the workers stored in Redis.</summary>
internal sealed class RedisRunResultReader(RedisConnection redis, string keyPrefix) : IRunResultReader
{
    public async Task<RunReply?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        var database = await redis.GetDatabaseAsync(cancellationToken);
        var value = await database.StringGetAsync(RunResultKeys.Result(keyPrefix, correlationId)).WaitAsync(cancellationToken);
        return value.IsNull ? null : StoredRunOutcome.FromUtf8((byte[])value!)?.Reply;
    }
}
