using System.Text;
using System.Text.Json;
using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Routing;
using RabbitMQ.Client;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A producer in any language names a reply queue; the worker answers to that queue through the default exchange and
/// declares nothing. An address it cannot answer is settled once: the outcome is stored, nothing loops, and the worker
/// keeps answering everyone else.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class ReplyAddressTests(FleetServices services) : IDisposable
{
    private static readonly TimeSpan _within = TimeSpan.FromSeconds(30);
    private const string _listedTenant = "listed";
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    /// <summary>Response address forms that reach a server-named queue; <c>{host}</c> and <c>{queue}</c> are filled in.</summary>
    public static TheoryData<string> WorkingAddresses =>
    [
        "rabbitmq://{host}/{queue}",
        "rabbitmq://{host}/%2F/{queue}",
        "amqp://{host}/{queue}",
        "queue:{queue}",
        "rabbitmq://{host}/anything?bind=true&queue={queue}",
    ];

    /// <summary>
    /// Response addresses that cannot be answered, the AMQP reply_to sent with them, and the reason the worker counts.
    /// The direct reply-to names are forged: an old-format name, a node hash no broker node has, and garbage; RabbitMQ
    /// 3.10 closes the connection of whoever publishes to them.
    /// </summary>
    public static TheoryData<string, string?, string> RefusedAddresses => new()
    {
        { "rabbitmq://{host}/no-such-vhost/{queue}", null, "refused_address" },
        { "rabbitmq://{host}/never-declared-{guid}", null, "no_such_queue" },
        { "exchange:{queue}", null, "refused_address" },
        { "::not a uri::", null, "refused_address" },
        { "rabbitmq://[bad/{queue}", null, "refused_address" },
        { "http://example.com/{queue}", null, "refused_address" },
        { "rabbitmq://{host}/{workers}", null, "refused_address" },
        { "rabbitmq://{host}/{workers}_error", null, "refused_address" },
        { "rabbitmq://{host}/{listed}", null, "refused_address" },
        { "queue:{listed}_skipped", null, "refused_address" },
        { "rabbitmq://{host}/{long}", null, "refused_address" },
        { "rabbitmq://{host}/amq.rabbitmq.reply-to", null, "refused_address" },
        { "rabbitmq://{host}/amq.rabbitmq.reply-to", "amq.rabbitmq.reply-to.g1hkAA1yYWJiaXRAbG9jYWxob3N0AAAAAAAAAAAAAAAAYhuhxg==.cG/tR4zwGHzVq1Vzvh6UXA==", "refused_address" },
        { "rabbitmq://{host}/amq.rabbitmq.reply-to", "amq.rabbitmq.reply-to.g1h2AA5yZXBseUAwMDAwMDAwMAAAAtAAAAAAaw+QAw==.SrQuVItl/kDmav0+JDmXpw==", "refused_address" },
        { "rabbitmq://{host}/amq.rabbitmq.reply-to", "amq.rabbitmq.reply-to.!!!.x", "refused_address" },
    };

    [Theory]
    [MemberData(nameof(WorkingAddresses))]
    public async Task A_request_is_answered_in_the_server_named_queue_its_response_address_names(string address)
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        await using var broker = await RawBroker.ConnectAsync(services);
        var queue = await broker.DeclareReplyQueueAsync();
        var id = Guid.NewGuid();
        var requestId = Guid.NewGuid();

        await broker.SendAsync(fleet.Name, RawRequest.Envelope(id, Fill(address, queue, fleet), requestId), "application/vnd.masstransit+json");

        var answer = await broker.TryGetAsync(queue, _within);
        Assert.NotNull(answer);
        using var json = JsonDocument.Parse(answer.Body);
        Assert.Equal(requestId, json.RootElement.GetProperty("requestId").GetGuid());
        Assert.Equal(5, json.RootElement.GetProperty("message").GetProperty("result").GetInt32());
        Assert.Equal(id.ToString(), answer.BasicProperties.CorrelationId);
        Assert.Contains("urn:message:IsolatedRuntime.Contracts:RunCompleted", Encoding.UTF8.GetString(answer.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_JSON_request_with_an_AMQP_reply_to_is_answered_in_that_queue()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        await using var broker = await RawBroker.ConnectAsync(services);
        var queue = await broker.DeclareReplyQueueAsync();
        var id = Guid.NewGuid();

        await broker.SendAsync(fleet.Name, RawRequest.Bare(id), new BasicProperties { ContentType = "application/json", ReplyTo = queue, CorrelationId = $"{id}" });

        var answer = await broker.TryGetAsync(queue, _within);
        Assert.NotNull(answer);
        using var json = JsonDocument.Parse(answer.Body);
        Assert.Equal(5, json.RootElement.GetProperty("message").GetProperty("result").GetInt32());
        Assert.Equal(id.ToString(), answer.BasicProperties.CorrelationId);
    }

    [Fact]
    public async Task A_request_with_a_direct_reply_to_address_is_answered_to_the_requester_channel()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        await using var connection = await new ConnectionFactory { Uri = new Uri(services.RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var answered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            answered.TrySetResult(Encoding.UTF8.GetString(delivery.Body.Span));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync("amq.rabbitmq.reply-to", autoAck: true, consumer);
        var id = Guid.NewGuid();

        await channel.BasicPublishAsync("", fleet.Name, false,
            new BasicProperties { ContentType = "application/vnd.masstransit+json", ReplyTo = "amq.rabbitmq.reply-to" },
            Encoding.UTF8.GetBytes(RawRequest.Envelope(id, $"rabbitmq://{HostAndPort}/amq.rabbitmq.reply-to")));

        using var json = JsonDocument.Parse(await answered.Task.WaitAsync(_within));
        Assert.Equal(5, json.RootElement.GetProperty("message").GetProperty("result").GetInt32());
    }

    [Theory]
    [MemberData(nameof(RefusedAddresses))]
    public async Task An_address_that_cannot_be_answered_is_settled_once_and_the_worker_keeps_serving(string address, string? replyTo, string reason)
    {
        using var answers = new AnswerCounter();

        // A listed tenant has a queue of its own, which is the workers' as much as the shared one.
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root,
            settings: new Dictionary<string, string?> { [$"IsolatedRuntime:Tenants:Limits:{_listedTenant}:MaxConcurrentRuns"] = "4" });
        await using var broker = await RawBroker.ConnectAsync(services);
        var queue = await broker.DeclareReplyQueueAsync();
        var id = Guid.NewGuid();

        await broker.SendAsync(fleet.Name, RawRequest.Envelope(id, Fill(address, queue, fleet)),
            new BasicProperties { ContentType = "application/vnd.masstransit+json", ReplyTo = replyTo });

        Assert.NotNull(await StoredAsync(fleet, id));
        Assert.Equal(5, await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [2, 3] }));
        await Task.Delay(TimeSpan.FromSeconds(1));
        AssertSettledOnce(answers, fleet, reason);
        Assert.Equal(0u, await broker.MessageCountAsync(fleet.Name));
        Assert.Null(await broker.TryGetAsync(queue, TimeSpan.Zero));
        Assert.Equal(0u, await broker.MessageCountOfDurableAsync($"{fleet.Name}_error"));
    }

    [Fact]
    public async Task An_answer_to_a_reply_queue_deleted_while_the_request_runs_is_settled_once()
    {
        using var answers = new AnswerCounter();
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        await using var broker = await RawBroker.ConnectAsync(services);
        var queue = $"reply-{Guid.NewGuid():N}";
        await broker.DeclareQueueAsync(queue);

        var id = Guid.NewGuid();
        var slow = RawRequest.Envelope(id, $"rabbitmq://{HostAndPort}/{queue}", funcName: "delayed", args: "[3000, 5]");

        // Deleted at once: the run takes 3 s, far longer than a deletion even on a busy broker.
        await broker.SendAsync(fleet.Name, slow, "application/vnd.masstransit+json");
        await broker.DeleteQueueAsync(queue);

        Assert.NotNull(await StoredAsync(fleet, id));
        Assert.Equal(5, await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [2, 3] }));
        await Task.Delay(TimeSpan.FromSeconds(1));
        AssertSettledOnce(answers, fleet, "no_such_queue");
        Assert.Equal(0u, await broker.MessageCountAsync(fleet.Name));
        Assert.Equal(0u, await broker.MessageCountOfDurableAsync($"{fleet.Name}_error"));
    }

    public void Dispose() => _codeBase.Dispose();

    // Two requests consumed, each once: the hostile one settled with its reason, the good one answered. A redelivery
    // would show as a third answer, from the store.
    private static void AssertSettledOnce(AnswerCounter answers, FleetHarness fleet, string reason)
    {
        var worker = FleetHarness.WorkerId(fleet.Name, 0);
        Assert.Equal(2, answers.Answers(worker));
        Assert.Equal(0, answers.FromStore(worker));
        Assert.Equal(1, answers.Undelivered(worker, reason));
        Assert.Equal(1, answers.Undelivered(worker));
    }

    private string HostAndPort => RawRequest.HostAndPort(services.RabbitMq);

    private string Fill(string address, string queue, FleetHarness fleet) => address
        .Replace("{host}", HostAndPort, StringComparison.Ordinal)
        .Replace("{queue}", queue, StringComparison.Ordinal)
        .Replace("{guid}", $"{Guid.NewGuid():N}", StringComparison.Ordinal)
        .Replace("{listed}", TenantRoutes.Queue(fleet.Name, _listedTenant), StringComparison.Ordinal)
        .Replace("{workers}", fleet.Name, StringComparison.Ordinal)
        .Replace("{long}", new string('q', 300), StringComparison.Ordinal);

    private static async Task<RunReply?> StoredAsync(FleetHarness fleet, Guid id)
    {
        var deadline = DateTime.UtcNow + _within;
        while (DateTime.UtcNow < deadline)
        {
            if (await fleet.Client.GetResultAsync(id) is { } stored)
            {
                return stored;
            }

            await Task.Delay(50);
        }

        return null;
    }
}
