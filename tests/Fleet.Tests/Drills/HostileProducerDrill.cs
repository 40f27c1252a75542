using System.Collections.Concurrent;
using System.Diagnostics;
using IsolatedRuntime.Client;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: what a careless or hostile producer sends cannot wedge a worker process. Amid a steady load of good requests,
/// every reply address that once wedged or silently lost answers arrives, five times over, at a worker whose
/// RunCompleted exchange a subscriber declared with the wrong type; and requests far over the size caps arrive.
/// Good requests keep their latency, every hostile request is settled exactly once, and nothing loops.
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class HostileProducerDrill(DrillServices services, ITestOutputHelper output) : IDisposable
{
    private const int _lanes = 4;
    private const int _baselineRequests = 100;
    private const int _loadRequests = 300;
    private const int _rounds = 5;
    private const string _completedExchange = "IsolatedRuntime.Contracts:RunCompleted";
    private static readonly TimeSpan _slowestGoodAnswer = TimeSpan.FromSeconds(10);

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    [Fact]
    public async Task Hostile_reply_addresses_amid_steady_load_cost_good_requests_nothing_and_nothing_loops()
    {
        await using var broker = await RawBroker.ConnectAsync(services.RabbitMq);
        await broker.DeleteExchangeAsync(_completedExchange);
        await broker.DeclareExchangeAsync(_completedExchange, "topic");
        try
        {
            await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 1, new Dictionary<string, string>
            {
                ["Logging__LogLevel__IsolatedRuntime.Worker.RunClaims"] = "Debug",
            });
            var worker = fleet.Workers[0];
            var baseline = await GoodLoadAsync(fleet, _baselineRequests, 1000);

            var load = GoodLoadAsync(fleet, _loadRequests, 2000);
            var hostile = new List<Guid>();
            var serverNamed = await broker.DeclareReplyQueueAsync();
            for (var round = 0; round < _rounds; round++)
            {
                hostile.AddRange(await SendHostileRoundAsync(broker, fleet, serverNamed));
                await Task.Delay(200);
            }

            var during = await load;
            var delivered = 0;
            while (await broker.TryGetAsync(serverNamed, TimeSpan.FromSeconds(delivered < _rounds ? 10 : 0)) is not null)
            {
                delivered++;
            }

            var (baseP50, baseP95, _) = Percentiles(baseline);
            var (p50, p95, slowest) = Percentiles(during);
            output.WriteLine(
                $"{_loadRequests} good requests on {_lanes} lanes amid {hostile.Count} hostile ones (+{_rounds} to a server-named queue): " +
                $"p50 {p50:0.0} ms, p95 {p95:0.0} ms, slowest {slowest:0} ms; alone before: p50 {baseP50:0.0} ms, p95 {baseP95:0.0} ms. " +
                $"Undelivered answers logged: {worker.Count("its answer was not delivered")}; answered from the store: " +
                $"{worker.Count("answered from the result store")}.");

            Assert.True(slowest < _slowestGoodAnswer.TotalMilliseconds, $"the slowest good answer took {slowest:0} ms");
            Assert.True(p95 <= Math.Max(5 * baseP95, baseP95 + 1000), $"good p95 {p95:0.0} ms amid hostile requests, {baseP95:0.0} ms alone");
            Assert.Equal(_rounds, delivered);
            await AssertSettledOnceAsync(fleet, broker, hostile);
            Assert.Equal(42, await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [40, 2] }));
        }
        finally
        {
            await broker.DeleteExchangeAsync(_completedExchange);
            await broker.DeclareExchangeAsync(_completedExchange, "fanout");
        }
    }

    [Fact]
    public async Task The_worker_declares_the_outcome_exchanges_before_its_first_request_so_subscribers_can_bind_first()
    {
        const string faultedExchange = "IsolatedRuntime.Contracts:RunFaulted";
        await using var broker = await RawBroker.ConnectAsync(services.RabbitMq);
        await broker.DeleteExchangeAsync(_completedExchange);
        await broker.DeleteExchangeAsync(faultedExchange);

        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 1);

        Assert.True(await broker.ExchangeExistsAsync(_completedExchange, "fanout"));
        Assert.True(await broker.ExchangeExistsAsync(faultedExchange, "fanout"));
        await using var subscriber = await OutcomeSubscriber.StartAsync(services.RabbitMq);
        var id = await fleet.Client.PublishAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [40, 2] });
        Assert.Equal(42, (await OutcomeSubscriber.OutcomeOf(id).WaitAsync(TimeSpan.FromSeconds(30))).GetResult<int>());
    }

    [Fact]
    public async Task Oversized_requests_are_refused_from_their_length_within_a_stated_memory_bound()
    {
        const long bound = 200L * 1024 * 1024;
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 1);
        var worker = fleet.Workers[0];
        await GoodLoadAsync(fleet, 50, 0);
        var before = worker.PeakRssBytes;
        var clock = Stopwatch.StartNew();
        var nineMegabytes = new List<Guid>();
        await using (var broker = await RawBroker.ConnectAsync(services.RabbitMq))
        {
            for (var i = 0; i < 5; i++)
            {
                var id = Guid.NewGuid();
                nineMegabytes.Add(id);
                await broker.SendAsync(fleet.Name, RequestWithArgsOf(id, 9 * 1000 * 1000), "application/json");
            }

            var parked = new List<(string Body, IReadOnlyDictionary<string, string> Headers)>();
            for (var i = 0; i < nineMegabytes.Count; i++)
            {
                parked.Add(await broker.ReceiveAsync($"{fleet.Name}_error", TimeSpan.FromSeconds(60)));
            }

            Assert.All(parked, message => Assert.Contains(message.Headers.Values, value => value.Contains("over this worker's cap", StringComparison.Ordinal)));
        }

        var refused = clock.Elapsed;
        var sixtyMegabytes = await SendOverBrokerLimitAsync(fleet, 60 * 1000 * 1000);
        var after = worker.PeakRssBytes;
        Assert.Equal(42, await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [40, 2] }));
        foreach (var id in nineMegabytes)
        {
            Assert.Null(await fleet.Client.GetResultAsync(id));
        }

        output.WriteLine(
            $"5 requests with 9 MB args refused from their length and moved to the error queue in {refused.TotalSeconds:0.0} s; " +
            $"60 MB: {sixtyMegabytes}. Worker peak RSS {before / 1048576} MB before, {after / 1048576} MB after.");
        Assert.False(worker.HasExited);
        Assert.True(after - before < bound, $"peak RSS grew from {before / 1048576} MB to {after / 1048576} MB");
    }

    public void Dispose() => _codeBase.Dispose();

    // One round of every hostile reply address; returns the correlation ids whose answers cannot be delivered.
    private async Task<List<Guid>> SendHostileRoundAsync(RawBroker broker, DrillFleet fleet, string serverNamed)
    {
        var host = RawRequest.HostAndPort(services.RabbitMq);
        var undeliverable = new List<Guid>();
        async Task SendAsync(string? address, string? replyTo = null, string funcName = "add", string args = "[1, 2]", bool deliverable = false)
        {
            var id = Guid.NewGuid();
            if (!deliverable)
            {
                undeliverable.Add(id);
            }

            var body = address is null ? RawRequest.Bare(id, funcName, args) : RawRequest.Envelope(id, address, funcName: funcName, args: args);
            await broker.SendAsync(fleet.Name, body, new BasicProperties
            {
                ContentType = address is null ? "application/json" : "application/vnd.masstransit+json",
                ReplyTo = replyTo,
            });
        }

        await SendAsync($"rabbitmq://{host}/{serverNamed}", deliverable: true);
        await SendAsync($"rabbitmq://{host}/no-such-vhost/{serverNamed}");
        await SendAsync($"rabbitmq://{host}/never-declared-{Guid.NewGuid():N}");
        await SendAsync("::not a uri::");
        await SendAsync($"exchange:{serverNamed}");
        await SendAsync($"rabbitmq://{host}/{fleet.Name}");
        await SendAsync($"rabbitmq://{host}/amq.rabbitmq.reply-to",
            "amq.rabbitmq.reply-to.g1hkAA1yYWJiaXRAbG9jYWxob3N0AAAAAAAAAAAAAAAAYhuhxg==.cG/tR4zwGHzVq1Vzvh6UXA==");
        await SendAsync(null, "amq.rabbitmq.reply-to.g1h2AA5yZXBseUAwMDAwMDAwMAAAAtAAAAAAaw+QAw==.SrQuVItl/kDmav0+JDmXpw==");

        // Published: its outcome event would go to the RunCompleted exchange, which has the wrong type.
        await SendAsync(null);

        var deleted = $"reply-{Guid.NewGuid():N}";
        await broker.DeclareQueueAsync(deleted);
        // Deleted at once: the run takes 5 s, far longer than a deletion even on a saturated broker.
        await SendAsync($"rabbitmq://{host}/{deleted}", funcName: "delayed", args: "[5000, 1]");
        await broker.DeleteQueueAsync(deleted);
        return undeliverable;
    }

    // Every hostile request consumed once and settled once: its outcome stored, one "not delivered" line, never
    // answered from the store (a redelivery would be), and nothing left in the worker's queue or its error queue.
    private static async Task AssertSettledOnceAsync(DrillFleet fleet, RawBroker broker, List<Guid> hostile)
    {
        var worker = fleet.Workers[0];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (worker.Count("its answer was not delivered") < hostile.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var id in hostile)
        {
            Assert.NotNull(await fleet.Client.GetResultAsync(id));
            Assert.Equal(1, worker.Count($"Run {id}: its answer was not delivered"));
            Assert.Equal(1, worker.Executed.Count(ran => ran == id));
        }

        Assert.Equal(0, worker.Count("answered from the result store"));
        Assert.Equal(hostile.Count, worker.Count("its answer was not delivered"));
        Assert.Equal(0u, await broker.MessageCountAsync(fleet.Name));
        Assert.Equal(0u, await broker.MessageCountOfDurableAsync($"{fleet.Name}_error"));
        Assert.False(worker.HasExited);
    }

    // Good requests from the .NET client on a few lanes at once; the latency of each, in milliseconds.
    private static async Task<double[]> GoodLoadAsync(DrillFleet fleet, int requests, int firstArgument)
    {
        var latencies = new ConcurrentBag<double>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, _lanes).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < requests)
            {
                var started = Stopwatch.GetTimestamp();
                var sum = await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [firstArgument + i, 1] });
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Assert.Equal(firstArgument + i + 1, sum);
            }
        }));
        return [.. latencies];
    }

    private async Task<string> SendOverBrokerLimitAsync(DrillFleet fleet, int argsBytes)
    {
        // The broker closes the publishing channel; a connection of its own keeps the drill's other channels open.
        try
        {
            await using var publisher = await RawBroker.ConnectAsync(services.RabbitMq);
            await publisher.SendAsync(fleet.Name, RequestWithArgsOf(Guid.NewGuid(), argsBytes), "application/json");
            await publisher.MessageCountAsync(fleet.Name);
            return "accepted by the broker (no max_message_size?)";
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            return $"refused by the broker ({ex.Message.Split(" text=")[^1].Split(',')[0]})";
        }
    }

    private static (double P50, double P95, double Slowest) Percentiles(double[] latencies)
    {
        Array.Sort(latencies);
        return (latencies[latencies.Length / 2], latencies[(int)(latencies.Length * 0.95)], latencies[^1]);
    }

    private static string RequestWithArgsOf(Guid id, int bytes) =>
        $$"""{"correlationId":"{{id}}","root":"math","file":"index.js","funcName":"echo","args":["{{new string('x', bytes)}}"]}""";
}
