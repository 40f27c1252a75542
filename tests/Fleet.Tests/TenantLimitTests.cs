using System.Diagnostics;
using System.Text.Json;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Per-tenant limits of a worker: a tenant over its runs-at-once or its rate is answered Overloaded at once, nothing
/// stored, while other tenants run; listed tenants have their own limits and their own metrics label.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class TenantLimitTests(FleetServices services) : IDisposable
{
    private static readonly TimeSpan _atOnce = TimeSpan.FromSeconds(1);
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();
    private readonly ExecutionCounter _executed = new();
    private readonly InstrumentCounter _admitted = new("isolated_runtime.tenant.admitted", "tenant");
    private readonly InstrumentCounter _refused = new("isolated_runtime.tenant.refused", "tenant");

    private static RunRequested Delayed(string? tenant, int ms = 1500) => new()
    {
        CorrelationId = Guid.NewGuid(),
        Root = "math",
        File = "index.js",
        FuncName = "delayed",
        Args = JsonSerializer.SerializeToElement(new[] { ms, 7 }),
        Tenant = tenant,
    };

    [Fact]
    public async Task A_tenant_at_its_runs_at_once_is_answered_Overloaded_at_once_and_other_tenants_still_run()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, settings: new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Tenants:Default:MaxConcurrentRuns"] = "1",
        });
        var holding = fleet.Sender.RunAsync(Delayed("a"));
        await Task.Delay(500);

        var clock = Stopwatch.StartNew();
        var over = Delayed("a", 10);
        var refused = await fleet.Sender.RunAsync(over);
        clock.Stop();
        var other = await fleet.Sender.RunAsync(RunRequestedSender.Add() with { Tenant = "b" });
        var unnamed = await fleet.Sender.RunAsync(RunRequestedSender.Add());
        var first = await holding;
        var stored = await fleet.Client.GetResultAsync(over.CorrelationId);
        var retried = await fleet.Sender.RunAsync(over);

        Assert.Equal(RunErrorKind.Overloaded, refused.Faulted?.Kind);
        Assert.Contains("Tenant 'a' is at its limit", refused.Faulted!.Message, StringComparison.Ordinal);
        Assert.Contains("1 runs at once", refused.Faulted.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < _atOnce, $"the refusal took {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.False(first.Completed is null, "the held run was answered");
        Assert.True(first.DurationMs > 0 && !first.FromCache);
        Assert.Equal(5, other.GetResult<int>());
        Assert.Equal(5, unnamed.GetResult<int>());
        Assert.Null(stored);
        Assert.Equal(7, retried.GetResult<int>());
        Assert.Equal(4, _executed.ForPrefix(fleet.Name));
    }

    [Fact]
    public async Task A_listed_tenant_has_its_own_limit_and_label_and_every_other_name_shares_one_label()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, settings: new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Tenants:Default:MaxConcurrentRuns"] = "1",
            ["IsolatedRuntime:Tenants:Limits:big:MaxConcurrentRuns"] = "3",
        });

        var big = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fleet.Sender.RunAsync(Delayed("big", 1000))));
        var crowd = await Task.WhenAll(new[] { "x1", "x1", "x2", "x2" }.Select(tenant => fleet.Sender.RunAsync(Delayed(tenant, 1000))));
        var none = await fleet.Sender.RunAsync(Delayed(null, 10));

        Assert.All(big, reply => Assert.Equal(7, reply.GetResult<int>()));
        Assert.Equal(2, crowd.Count(reply => reply.IsCompleted));
        Assert.Equal(2, crowd.Count(reply => reply.Faulted?.Kind == RunErrorKind.Overloaded));
        Assert.Equal(7, none.GetResult<int>());
        Assert.Equal(3, _admitted.For(fleet.Name, "big"));
        Assert.Equal(2, _admitted.For(fleet.Name, "(unlisted)"));
        Assert.Equal(2, _refused.For(fleet.Name, "(unlisted)"));
        Assert.Equal(1, _admitted.For(fleet.Name, "(none)"));
        Assert.Equal(new HashSet<string?> { "big", "(unlisted)", "(none)" }, _admitted.Tags(fleet.Name));
    }

    [Fact]
    public async Task A_tenant_over_its_rate_is_answered_Overloaded_and_others_are_not()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, settings: new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Tenants:Limits:slow:RunsPerSecond"] = "0.2",
            ["IsolatedRuntime:Tenants:Limits:slow:Burst"] = "1",
        });

        var first = await fleet.Sender.RunAsync(RunRequestedSender.Add() with { Tenant = "slow" });
        var second = await fleet.Sender.RunAsync(RunRequestedSender.Add() with { Tenant = "slow" });
        var others = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => fleet.Sender.RunAsync(RunRequestedSender.Add() with { Tenant = "fast" })));

        Assert.Equal(5, first.GetResult<int>());
        Assert.Equal(RunErrorKind.Overloaded, second.Faulted?.Kind);
        Assert.Contains("0.2 runs a second", second.Faulted!.Message, StringComparison.Ordinal);
        Assert.All(others, reply => Assert.Equal(5, reply.GetResult<int>()));
    }

    /// <summary>Tenant names come from producers: each of these is refused with what a name may be.</summary>
    public static TheoryData<string, string> BadNames => new()
    {
        { "", "is 0 characters long" },
        { new string('t', 65), "is 65 characters long" },
        { "two words", "contains '\\u0020'" },
        { "a/b", "contains '/'" },
        { "zoë", "contains 'ë'" },
        { "line\nbreak", "contains '\\u000a'" },
        { "{tag}", "contains '{'" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_tenant_name_that_cannot_be_used_is_an_invalid_request(string tenant, string problem)
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var reply = await fleet.Sender.RunAsync(RunRequestedSender.Add() with { Tenant = tenant });

        Assert.Equal(RunErrorKind.InvalidRequest, reply.Faulted?.Kind);
        Assert.Contains($"The tenant name {problem}", reply.Faulted!.Message, StringComparison.Ordinal);
        Assert.Equal(0, _executed.ForPrefix(fleet.Name));
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "IsolatedRuntime:Tenants:Default:MaxConcurrentRuns", "0", "IsolatedRuntime:Tenants:Default:MaxConcurrentRuns must be positive" },
        { "IsolatedRuntime:Tenants:Limits:acme:RunsPerSecond", "-1", "IsolatedRuntime:Tenants:Limits:acme:RunsPerSecond must be positive" },
        { "IsolatedRuntime:Tenants:Limits:acme:Burst", "0", "IsolatedRuntime:Tenants:Limits:acme:Burst must be positive" },
        { "IsolatedRuntime:Tenants:Limits:a b:MaxConcurrentRuns", "1", "lists the tenant 'a b', whose name contains" },
        { "IsolatedRuntime:Expiry:DefaultMaxQueueAge", "-00:00:01", "IsolatedRuntime:Expiry:DefaultMaxQueueAge must be positive" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Settings_that_cannot_work_are_refused_at_start(string key, string value, string expected)
    {
        using var host = WorkerHost.Builder(new Dictionary<string, string?>
        {
            ["IsolatedRuntime:CodeBase"] = ".",
            ["ConnectionStrings:RabbitMq"] = "amqp://u:p@127.0.0.1:5672/",
            [key] = value,
        }).Build();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, refusal.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _refused.Dispose();
        _admitted.Dispose();
        _executed.Dispose();
        _codeBase.Dispose();
    }
}
