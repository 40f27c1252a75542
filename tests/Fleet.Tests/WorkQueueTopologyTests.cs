using System.Diagnostics;
using IsolatedRuntime.Client;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// The workers own their queue: a new one is a quorum queue (and so is its error queue), an existing classic queue is
/// kept as it is unless the setting insists on quorum, and a client never declares it, so that the two never disagree
/// about its type; a request for a queue no worker has declared fails at once instead of vanishing.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class WorkQueueTopologyTests(FleetServices services) : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Fact]
    public async Task A_new_work_queue_and_its_error_queue_are_quorum_queues()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        await using var broker = await RawBroker.ConnectAsync(services);

        Assert.Equal(5, await fleet.Client.RunAsync<int>(Add(2, 3)));
        Assert.Equal("quorum", await broker.QueueTypeAsync(fleet.Name));

        // The error queue is declared by the worker with the first message it parks there.
        await broker.SendAsync(fleet.Name, "this is not JSON {", "application/vnd.masstransit+json");
        var clock = Stopwatch.StartNew();
        string? errorQueue;
        while ((errorQueue = await broker.QueueTypeAsync($"{fleet.Name}_error")) is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        Assert.Equal("quorum", errorQueue);
        Assert.Equal("this is not JSON {", (await broker.ReceiveAsync($"{fleet.Name}_error", TimeSpan.FromSeconds(30))).Body);
    }

    [Fact]
    public async Task An_existing_classic_queue_stays_classic_by_default_and_is_served()
    {
        var queue = $"test-{Guid.NewGuid():N}";
        await using var broker = await RawBroker.ConnectAsync(services);
        await broker.DeclareClassicAsync(queue);

        await using var worker = await WorkerHost.StartAsync(services, _codeBase.Root, queue, $"{queue}:", $"{queue}-w0");
        await using var client = await ClientHost.StartAsync(services, $"{queue}:", queue);

        Assert.Equal(5, await client.Client.RunAsync<int>(Add(2, 3)));
        Assert.Equal("classic", await broker.QueueTypeAsync(queue));
    }

    [Fact]
    public async Task An_explicit_quorum_setting_refuses_an_existing_classic_queue_and_says_what_to_do()
    {
        var queue = $"test-{Guid.NewGuid():N}";
        await using var broker = await RawBroker.ConnectAsync(services);
        await broker.DeclareClassicAsync(queue);
        using var host = WorkerHost.Builder(new Dictionary<string, string?>
        {
            ["IsolatedRuntime:CodeBase"] = _codeBase.Root,
            ["IsolatedRuntime:QueueName"] = queue,
            ["IsolatedRuntime:QueueType"] = "Quorum",
            ["ConnectionStrings:RabbitMq"] = services.RabbitMq,
        }).Build();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"queue '{queue}' exists as a classic queue", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("IsolatedRuntime__QueueType=Auto", refusal.Message, StringComparison.Ordinal);
        Assert.Equal("classic", await broker.QueueTypeAsync(queue));
    }

    [Fact]
    public async Task A_request_for_a_queue_no_worker_has_declared_fails_at_once_saying_what_to_do()
    {
        var queue = $"nobody-{Guid.NewGuid():N}";
        await using var client = await ClientHost.StartAsync(services, $"{queue}:", queue);
        var clock = Stopwatch.StartNew();

        var run = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Client.RunAsync(Add(2, 3)));
        var publish = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Client.PublishAsync(Add(2, 3)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}; the client's timeout is 60 s");
        Assert.All(new[] { run, publish }, refusal =>
        {
            Assert.Contains($"no worker has declared the queue '{queue}' yet (start a worker", refusal.Message, StringComparison.Ordinal);
        });
    }

    private static RunRequest Add(int a, int b) => new() { Root = "math", File = "index.js", FuncName = "add", Args = [a, b] };

    public void Dispose() => _codeBase.Dispose();
}
