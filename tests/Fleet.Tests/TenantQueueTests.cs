using System.Diagnostics;
using System.Text.Json;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Routing;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Each tenant the operator lists has a queue of its own, so its backlog never sits in front of other tenants'
/// requests: producers send to the tenants' direct exchange with the tenant as routing key; a listed tenant's requests
/// wait in its queue, every other request (an unlisted tenant, no tenant) in the shared work queue. Old clients that
/// send to the work queue's exchange, and new clients against workers that list no tenant, still reach a worker.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class TenantQueueTests(FleetServices services) : IDisposable
{
    private static readonly TimeSpan _within = TimeSpan.FromSeconds(30);
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();
    private readonly string _queue = $"test-{Guid.NewGuid():N}";

    private string KeyPrefix => $"{_queue}:";

    [Theory]
    [InlineData("Auto", "quorum")]
    [InlineData("Classic", "classic")]
    public async Task Listed_tenants_wait_in_queues_of_their_own_and_every_other_request_in_the_shared_queue(string queueType, string expectedType)
    {
        var settings = new Dictionary<string, string?>
        {
            ["IsolatedRuntime:QueueType"] = queueType,
            ["IsolatedRuntime:Tenants:Limits:big:MaxConcurrentRuns"] = "4",
            ["IsolatedRuntime:Tenants:Limits:ops@acme:MaxConcurrentRuns"] = "4",
        };
        await using var broker = await RawBroker.ConnectAsync(services);

        // A worker declares the queues, then goes away, so that the requests below stay where they were routed.
        await (await StartWorkerAsync(0, settings)).DisposeAsync();
        await using var client = await ClientHost.StartAsync(services, KeyPrefix, _queue);
        var requests = new[] { "big", "ops@acme", "big", "small", null }.Select(tenant => Add() with { Tenant = tenant }).ToList();
        var ids = new List<Guid>();
        foreach (var request in requests)
        {
            ids.Add(await client.Client.PublishAsync(request));
        }

        Assert.Equal(2u, await CountAsync(broker, TenantRoutes.Queue(_queue, "big"), 2));
        Assert.Equal(1u, await CountAsync(broker, $"{_queue}.tenant.ops_at_acme", 1));
        Assert.Equal(2u, await CountAsync(broker, _queue, 2));
        Assert.Equal(expectedType, await broker.QueueTypeAsync(TenantRoutes.Queue(_queue, "big")));
        Assert.Equal(expectedType, await broker.QueueTypeAsync(_queue));

        // The same worker again: its topology is declared again unchanged, and it serves every queue.
        await using var worker = await StartWorkerAsync(1, settings);
        var replies = await Task.WhenAll(ids.Select(id => StoredAsync(client.Client, id)));

        Assert.All(replies, reply => Assert.Equal(5, reply.GetResult<int>()));
        Assert.Equal(0u, await broker.MessageCountAsync(TenantRoutes.Queue(_queue, "big")));
        Assert.Equal(0u, await broker.MessageCountAsync(_queue));
    }

    [Fact]
    public async Task A_listed_tenant_over_its_limit_is_answered_Overloaded_from_its_own_queue_at_once_while_others_run()
    {
        await using var worker = await StartWorkerAsync(0, new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Tenants:Limits:big:MaxConcurrentRuns"] = "1",
        });
        await using var client = await ClientHost.StartAsync(services, KeyPrefix, _queue);
        var holding = client.Client.RunAsync(Delayed("big", 1500));
        await Task.Delay(500);

        var clock = Stopwatch.StartNew();
        var refused = await client.Client.RunAsync(Delayed("big", 10));
        clock.Stop();
        var unlisted = await client.Client.RunAsync(Add() with { Tenant = "small" });
        var none = await client.Client.RunAsync(Add());
        var held = await holding;

        Assert.Equal(RunErrorKind.Overloaded, refused.Faulted?.Kind);
        Assert.Contains("Tenant 'big' is at its limit", refused.Faulted!.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the refusal took {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(5, unlisted.GetResult<int>());
        Assert.Equal(5, none.GetResult<int>());
        Assert.Equal(7, held.GetResult<int>());
    }

    [Fact]
    public async Task A_client_that_sends_to_the_work_queue_exchange_still_reaches_a_worker_and_the_tenant_limits()
    {
        await using var worker = await StartWorkerAsync(0, new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Tenants:Limits:big:MaxConcurrentRuns"] = "1",
        });
        await using var client = await ClientHost.StartAsync(services, KeyPrefix, _queue);
        var old = new RunRequestedSender(client.Host.Services, _queue, byTenant: false);
        var holding = old.RunAsync(RunRequestedSender.Add() with { Tenant = "big", FuncName = "delayed", Args = JsonSerializer.SerializeToElement(new[] { 1500, 7 }) });
        await Task.Delay(500);

        var refused = await old.RunAsync(RunRequestedSender.Add() with { Tenant = "big" });
        var other = await old.RunAsync(RunRequestedSender.Add() with { Tenant = "small" });

        Assert.Equal(RunErrorKind.Overloaded, refused.Faulted?.Kind);
        Assert.Equal(5, other.GetResult<int>());
        Assert.Equal(7, (await holding).GetResult<int>());
    }

    [Fact]
    public async Task A_new_client_is_served_by_workers_that_list_no_tenant_and_by_workers_that_then_list_one()
    {
        await using var broker = await RawBroker.ConnectAsync(services);
        await using var unaware = await StartWorkerAsync(0);
        await using var client = await ClientHost.StartAsync(services, KeyPrefix, _queue);

        // Workers listing no tenant never declare the tenants' exchange (nor did workers before tenant queues): the
        // client's first send declares it, and its alternate exchange takes every request to the work queue.
        var before = await client.Client.RunAsync(Add() with { Tenant = "big" });

        // A worker listing the tenant declares the same exchange, which must be accepted as it is, and binds its queue.
        await using var listing = await StartWorkerAsync(1, new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Tenants:Limits:big:MaxConcurrentRuns"] = "4",
        });
        var after = await client.Client.RunAsync(Add() with { Tenant = "big" });

        Assert.Equal(5, before.GetResult<int>());
        Assert.Equal(5, after.GetResult<int>());
        Assert.Equal(FleetHarness.WorkerId(_queue, 1), after.Completed!.WorkerId);
        Assert.True(await broker.TenantExchangeExistsAsync(_queue));

        // Declared otherwise (here without its alternate exchange), the broker refuses it: all must declare it alike.
        Assert.False(await broker.ExchangeExistsAsync(TenantRoutes.Exchange(_queue), "direct"));
    }

    [Fact]
    public async Task Two_listed_tenants_whose_queues_would_share_a_name_are_refused_at_start()
    {
        using var host = WorkerHost.Builder(new Dictionary<string, string?>
        {
            ["IsolatedRuntime:CodeBase"] = ".",
            ["ConnectionStrings:RabbitMq"] = "amqp://u:p@127.0.0.1:5672/",
            ["IsolatedRuntime:Tenants:Limits:ops@acme:MaxConcurrentRuns"] = "1",
            ["IsolatedRuntime:Tenants:Limits:ops_at_acme:MaxConcurrentRuns"] = "1",
        }).Build();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("lists the tenants 'ops@acme' and 'ops_at_acme', whose queues would have the same name", refusal.Message, StringComparison.Ordinal);
    }

    private Task<WorkerHost> StartWorkerAsync(int index, IDictionary<string, string?>? settings = null) =>
        WorkerHost.StartAsync(services, _codeBase.Root, _queue, KeyPrefix, FleetHarness.WorkerId(_queue, index), settings);

    private static RunRequest Add() => new() { Root = "math", File = "index.js", FuncName = "add", Args = [2, 3] };

    private static RunRequest Delayed(string tenant, int ms) =>
        new() { Root = "math", File = "index.js", FuncName = "delayed", Args = [ms, 7], Tenant = tenant };

    // A published request is counted by the broker once it is confirmed; a quorum queue may show it a moment later.
    private static async Task<uint> CountAsync(RawBroker broker, string queue, uint expected)
    {
        var clock = Stopwatch.StartNew();
        uint count;
        while ((count = await broker.MessageCountAsync(queue)) != expected && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        return count;
    }

    private static async Task<RunReply> StoredAsync(IIsolatedRuntimeClient client, Guid id)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < _within)
        {
            if (await client.GetResultAsync(id) is { } reply)
            {
                return reply;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Run {id} was not answered within {_within.TotalSeconds:0} s.");
    }

    public void Dispose() => _codeBase.Dispose();
}
