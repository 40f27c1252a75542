using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Connections;
using IsolatedRuntime.Protocol.Results;
using IsolatedRuntime.Worker.Options;
using StackExchange.Redis;

namespace IsolatedRuntime.Worker.Results;

/// <summary>
/// The fleet's result store on Redis: <c>{prefix}result:{id}</c> holds the outcome with a TTL,
/// <c>{prefix}claim:{id}</c> the in-flight claim (SET NX PX). Each operation is one round trip (a Lua script), so a
/// run costs two: claim, then store-and-release.
/// </summary>
internal sealed class RedisRunResultStore(RedisConnection redis, ResultStoreOptions options) : IRunResultStore
{
    private const string _claimScript = """
        local stored = redis.call('GET', KEYS[1])
        if stored then return {1, stored} end
        if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
        return {2, redis.call('GET', KEYS[2]) or ''}
        """;

    private const string _saveScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
        return 1
        """;

    private const string _releaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly RedisRunResultReader _reader = new(redis, options.KeyPrefix);

    public async Task<ClaimResult> TryClaimAsync(Guid correlationId, RunClaim claim, TimeSpan lease, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync(cancellationToken);
        var result = (RedisResult[])(await database.ScriptEvaluateAsync(
            _claimScript,
            [ResultKey(correlationId), ClaimKey(correlationId)],
            [claim.Value, (long)lease.TotalMilliseconds]))!;
        return (int)result[0] switch
        {
            0 => ClaimResult.Claimed,
            1 => StoredRunOutcome.FromUtf8((byte[])result[1]!) is { } stored ? ClaimResult.Found(stored) : ClaimResult.Busy(null),
            _ => ClaimResult.Busy(result[1].ToString() is { Length: > 0 } holder ? RunClaim.FingerprintOf(holder) : null),
        };
    }

    public async Task SaveAsync(Guid correlationId, StoredRunOutcome outcome, RunClaim claim, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync(cancellationToken);
        await database.ScriptEvaluateAsync(
            _saveScript,
            [ResultKey(correlationId), ClaimKey(correlationId)],
            [outcome.ToUtf8(), (long)options.TimeToLive.TotalMilliseconds, claim.Value]);
    }

    public async Task<bool> StoreIfAbsentAsync(Guid correlationId, StoredRunOutcome outcome, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync(cancellationToken);
        return await database.StringSetAsync(ResultKey(correlationId), outcome.ToUtf8(), options.TimeToLive, When.NotExists);
    }

    public async Task ReleaseAsync(Guid correlationId, RunClaim claim, CancellationToken cancellationToken)
    {
        var database = await redis.GetDatabaseAsync(cancellationToken);
        await database.ScriptEvaluateAsync(_releaseScript, [ClaimKey(correlationId)], [claim.Value]);
    }

    public Task<RunReply?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default) =>
        _reader.GetAsync(correlationId, cancellationToken);

    private RedisKey ResultKey(Guid correlationId) => RunResultKeys.Result(options.KeyPrefix, correlationId);

    private RedisKey ClaimKey(Guid correlationId) => RunResultKeys.Claim(options.KeyPrefix, correlationId);
}
