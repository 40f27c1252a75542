using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Connections;
using IsolatedRuntime.Protocol.Results;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Results;
using Microsoft.Extensions.Logging.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>The Redis store and the in-memory store keep one contract: stored outcomes, claims, leases, expiry.</summary>
[Collection(FleetCollection.Name)]
public sealed class ResultStoreTests(FleetServices services) : IAsyncLifetime
{
    private readonly string _prefix = $"test-{Guid.NewGuid():N}:";
    private RedisConnection? _redis;

    public static TheoryData<string> Stores => ["redis", "memory"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_free_id_is_claimed_once_and_its_saved_outcome_is_found_afterwards(string kind)
    {
        var store = Store(kind);
        var id = Guid.NewGuid();
        var first = RunClaim.New("fp");
        var second = RunClaim.New("fp");

        Assert.Equal(ClaimStatus.Claimed, (await store.TryClaimAsync(id, first, TimeSpan.FromMinutes(1), default)).Status);
        var busy = await store.TryClaimAsync(id, second, TimeSpan.FromMinutes(1), default);
        Assert.Equal(ClaimStatus.Busy, busy.Status);
        Assert.Equal("fp", busy.HolderFingerprint);

        await store.SaveAsync(id, new StoredRunOutcome("fp", Completed(id, 42)), first, default);

        var found = await store.TryClaimAsync(id, second, TimeSpan.FromMinutes(1), default);
        Assert.Equal(ClaimStatus.Stored, found.Status);
        Assert.Equal("fp", found.Stored!.Fingerprint);
        Assert.Equal(42, found.Stored.Reply.GetResult<int>());
        var read = await store.GetAsync(id);
        Assert.False(read!.FromCache);
        Assert.Equal("w1", read.WorkerId);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_released_claim_frees_the_id_but_a_stale_release_does_not(string kind)
    {
        var store = Store(kind);
        var id = Guid.NewGuid();
        var first = RunClaim.New("fp");
        var second = RunClaim.New("fp");
        await store.TryClaimAsync(id, first, TimeSpan.FromMinutes(1), default);

        await store.ReleaseAsync(id, second, default);
        Assert.Equal(ClaimStatus.Busy, (await store.TryClaimAsync(id, second, TimeSpan.FromMinutes(1), default)).Status);

        await store.ReleaseAsync(id, first, default);
        Assert.Equal(ClaimStatus.Claimed, (await store.TryClaimAsync(id, second, TimeSpan.FromMinutes(1), default)).Status);
        Assert.Null(await store.GetAsync(id));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_claim_whose_lease_ran_out_can_be_taken_by_another_attempt(string kind)
    {
        var store = Store(kind);
        var id = Guid.NewGuid();
        await store.TryClaimAsync(id, RunClaim.New("fp"), TimeSpan.FromMilliseconds(100), default);

        await Task.Delay(400);

        Assert.Equal(ClaimStatus.Claimed, (await store.TryClaimAsync(id, RunClaim.New("fp"), TimeSpan.FromMinutes(1), default)).Status);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_outcome_expires_after_its_time_to_live(string kind)
    {
        var store = Store(kind, TimeSpan.FromMilliseconds(200));
        var id = Guid.NewGuid();
        var claim = RunClaim.New("fp");
        await store.TryClaimAsync(id, claim, TimeSpan.FromMinutes(1), default);
        await store.SaveAsync(id, new StoredRunOutcome("fp", Completed(id, 1)), claim, default);

        await Task.Delay(600);

        Assert.Null(await store.GetAsync(id));
    }

    [Fact]
    public async Task Keys_carry_the_configured_prefix_and_the_correlation_id_as_their_hash_tag()
    {
        var store = Store("redis");
        var id = Guid.NewGuid();
        var claim = RunClaim.New("fp");
        var database = await _redis!.GetDatabaseAsync(default);
        await store.TryClaimAsync(id, claim, TimeSpan.FromMinutes(1), default);
        Assert.True(await database.KeyExistsAsync($"{_prefix}claim:{{{id:N}}}"));
        await store.SaveAsync(id, new StoredRunOutcome("fp", Completed(id, 1)), claim, default);

        Assert.True(await database.KeyExistsAsync($"{_prefix}result:{{{id:N}}}"));
        Assert.False(await database.KeyExistsAsync($"{_prefix}claim:{{{id:N}}}"));
        // One hash slot for both keys of an id, so that the store's scripts run on Redis Cluster (no CROSSSLOT).
        Assert.Equal(
            database.Multiplexer.HashSlot($"{_prefix}result:{{{id:N}}}"),
            database.Multiplexer.HashSlot($"{_prefix}claim:{{{id:N}}}"));
        Assert.Equal(database.Multiplexer.HashSlot($"{id:N}"), database.Multiplexer.HashSlot($"{_prefix}result:{{{id:N}}}"));
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_degrades_to_running_without_it()
    {
        await using var unreachable = new RedisConnection("127.0.0.1:1,connectTimeout=200,asyncTimeout=200");
        var options = new ResultStoreOptions { RetryAfter = TimeSpan.FromMinutes(1) };
        var store = new DegradableRunResultStore(
            new RedisRunResultStore(unreachable, options), options, TimeProvider.System, NullLogger<DegradableRunResultStore>.Instance);
        var id = Guid.NewGuid();

        Assert.Equal(ClaimStatus.Claimed, (await store.TryClaimAsync(id, RunClaim.New("fp"), TimeSpan.FromMinutes(1), default)).Status);
        Assert.True(store.IsDegraded);
        Assert.Equal(ClaimStatus.Claimed, (await store.TryClaimAsync(id, RunClaim.New("fp"), TimeSpan.FromMinutes(1), default)).Status);
        Assert.Null(await store.GetAsync(id));
    }

    public Task InitializeAsync()
    {
        _redis = new RedisConnection(services.Redis);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _redis!.DisposeAsync();

    private static RunReply Completed(Guid id, int result) => RunReply.Of(new RunCompleted
    {
        CorrelationId = id,
        Result = System.Text.Json.JsonSerializer.SerializeToElement(result),
        WorkerId = "w1",
    });

    private IRunResultStore Store(string kind, TimeSpan? timeToLive = null)
    {
        var options = new ResultStoreOptions { KeyPrefix = _prefix, TimeToLive = timeToLive ?? TimeSpan.FromMinutes(5) };
        return kind == "redis" ? new RedisRunResultStore(_redis!, options) : new InMemoryRunResultStore(options, TimeProvider.System);
    }
}
