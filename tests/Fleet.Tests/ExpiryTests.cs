using System.Diagnostics;
using System.Text;
using System.Text.Json;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A request taken from the queue after its <c>expiresAt</c>, or after its maximum queue age, is answered Expired
/// without running, and that answer is stored like any outcome, so that a redelivery is not run either.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class ExpiryTests(FleetServices services, ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan _within = TimeSpan.FromSeconds(30);
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();
    private readonly ExecutionCounter _executed = new();
    private readonly InstrumentCounter _expired = new("isolated_runtime.runs.expired");

    [Fact]
    public async Task A_request_past_its_expiresAt_is_answered_Expired_without_running_and_so_is_its_redelivery()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        var request = RunRequestedSender.Add() with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-2) };

        var first = await fleet.Sender.RunAsync(request);
        var again = await fleet.Sender.RunAsync(request);
        var stored = await fleet.Client.GetResultAsync(request.CorrelationId);

        Assert.Equal(RunErrorKind.Expired, first.Faulted?.Kind);
        Assert.Equal("ExpiredError", first.Faulted!.ErrorName);
        Assert.Contains("expired at", first.Faulted.Message, StringComparison.Ordinal);
        Assert.Contains("its expiresAt", first.Faulted.Message, StringComparison.Ordinal);
        Assert.Contains("new correlation id", first.Faulted.Message, StringComparison.Ordinal);
        Assert.Equal(RunErrorKind.Expired, again.Faulted?.Kind);
        Assert.True(again.FromCache);
        Assert.Equal(RunErrorKind.Expired, stored?.Faulted?.Kind);
        Assert.Equal(0, _executed.ForPrefix(fleet.Name));
        Assert.Equal(1, _expired.For(fleet.Name));
    }

    [Fact]
    public async Task The_typed_client_carries_expiry_and_tenant()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, settings: new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Tenants:Limits:typed:MaxConcurrentRuns"] = "1",
        });
        var add = new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [2, 3], Tenant = "typed" };

        var expired = await fleet.Client.RunAsync(add with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-2) });
        var aged = await fleet.Client.RunAsync(add with { MaxQueueAge = TimeSpan.FromMinutes(1) });

        Assert.Equal(RunErrorKind.Expired, expired.Faulted?.Kind);
        Assert.True(aged.IsCompleted);
        Assert.Equal(5, aged.Completed!.Result!.Value.GetInt32());
    }

    [Fact]
    public async Task A_fresh_request_runs()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, settings: new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Expiry:DefaultMaxQueueAge"] = "00:00:30",
        });

        var reply = await fleet.Sender.RunAsync(RunRequestedSender.Add() with
        {
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1),
            MaxQueueAgeMs = 30_000,
        });

        Assert.Equal(5, reply.GetResult<int>());
        Assert.Equal(1, _executed.ForPrefix(fleet.Name));
        Assert.Equal(0, _expired.For(fleet.Name));
    }

    /// <summary>How a producer without MassTransit tells the send time: the envelope's sentTime, or the AMQP timestamp
    /// property of a bare JSON body (whole seconds).</summary>
    public static TheoryData<string, int, RunErrorKind?> SentTimes => new()
    {
        { "envelope", -10, RunErrorKind.Expired },
        { "envelope", 0, null },
        { "bare", -10, RunErrorKind.Expired },
        { "bare", 0, null },
    };

    [Theory]
    [MemberData(nameof(SentTimes))]
    public async Task The_workers_default_maximum_queue_age_applies_from_the_send_time(string format, int sentSecondsAgo, RunErrorKind? kind)
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, settings: new Dictionary<string, string?>
        {
            ["IsolatedRuntime:Expiry:DefaultMaxQueueAge"] = "00:00:05",
        });
        await using var broker = await RawBroker.ConnectAsync(services);
        var replies = await broker.DeclareReplyQueueAsync();
        var id = Guid.NewGuid();
        var sent = DateTimeOffset.UtcNow.AddSeconds(sentSecondsAgo);

        if (format == "envelope")
        {
            var body = $$"""
                {"messageId":"{{Guid.NewGuid()}}","requestId":"{{Guid.NewGuid()}}","sentTime":"{{sent:O}}",
                 "messageType":["urn:message:IsolatedRuntime.Contracts:RunRequested"],"message":{{RawRequest.Bare(id)}}}
                """;
            await broker.SendAsync(fleet.Name, body, new BasicProperties { ContentType = "application/vnd.masstransit+json", ReplyTo = replies });
        }
        else
        {
            await broker.SendAsync(fleet.Name, RawRequest.Bare(id), new BasicProperties
            {
                ContentType = "application/json",
                ReplyTo = replies,
                CorrelationId = $"{id}",
                Timestamp = new AmqpTimestamp(sent.ToUnixTimeSeconds()),
            });
        }

        var answer = Answer(await broker.TryGetAsync(replies, _within));
        if (kind is null)
        {
            Assert.Equal(5, answer.GetProperty("result").GetInt32());
        }
        else
        {
            Assert.Equal($"{kind}", answer.GetProperty("kind").GetString());
            Assert.Contains("default maximum queue age of 5000 ms", answer.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, _executed.ForPrefix(fleet.Name));
        }
    }

    public static TheoryData<int> BadAges => new() { 0, -1, int.MinValue };

    [Theory]
    [MemberData(nameof(BadAges))]
    public async Task A_maxQueueAgeMs_that_is_not_positive_is_an_invalid_request(int age)
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var reply = await fleet.Sender.RunAsync(RunRequestedSender.Add() with { MaxQueueAgeMs = age });

        Assert.Equal(RunErrorKind.InvalidRequest, reply.Faulted?.Kind);
        Assert.Contains($"maxQueueAgeMs is {age}; it must be a positive number", reply.Faulted!.Message, StringComparison.Ordinal);
        Assert.Equal(0, _executed.ForPrefix(fleet.Name));
    }

    [Fact]
    public async Task A_maxQueueAgeMs_on_a_bare_body_without_a_timestamp_is_an_invalid_request_that_says_what_to_set()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        await using var broker = await RawBroker.ConnectAsync(services);
        var replies = await broker.DeclareReplyQueueAsync();
        var id = Guid.NewGuid();
        var body = RawRequest.Bare(id)[..^1] + ""","maxQueueAgeMs":60000}""";

        await broker.SendAsync(fleet.Name, body, new BasicProperties { ContentType = "application/json", ReplyTo = replies, CorrelationId = $"{id}" });

        var answer = Answer(await broker.TryGetAsync(replies, _within));
        Assert.Equal("InvalidRequest", answer.GetProperty("kind").GetString());
        Assert.Contains("AMQP 'timestamp' property", answer.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_outage_a_backlog_of_stale_requests_is_answered_Expired_quickly_and_none_runs()
    {
        const int backlog = 100;
        var name = $"test-{Guid.NewGuid():N}";
        var workerId = FleetHarness.WorkerId(name, 0);

        // A worker declares the queue, then goes away: the outage.
        await (await WorkerHost.StartAsync(services, _codeBase.Root, name, $"{name}:", workerId)).DisposeAsync();
        await using var client = await ClientHost.StartAsync(services, $"{name}:", name);
        var sender = new RunRequestedSender(client.Host.Services, name);
        var requests = Enumerable.Range(0, backlog).Select(i => RunRequestedSender.Add(i, 1) with { MaxQueueAgeMs = 1000 }).ToList();
        var answers = requests.Select(request => sender.RunAsync(request)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var clock = Stopwatch.StartNew();
        await using var worker = await WorkerHost.StartAsync(services, _codeBase.Root, name, $"{name}:", workerId);
        var replies = await Task.WhenAll(answers).WaitAsync(_within);
        clock.Stop();

        Assert.All(replies, reply => Assert.Equal(RunErrorKind.Expired, reply.Faulted?.Kind));
        Assert.All(replies, reply => Assert.Contains("its maxQueueAgeMs of 1000", reply.Faulted!.Message, StringComparison.Ordinal));
        Assert.Equal(0, _executed.For(workerId));
        Assert.Equal(backlog, _expired.For(workerId));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{backlog} stale requests took {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"{backlog} stale requests answered Expired {clock.Elapsed.TotalMilliseconds:0} ms after the worker's start began, none run.");
    }

    private static JsonElement Answer(BasicGetResult? message)
    {
        Assert.NotNull(message);
        return JsonDocument.Parse(Encoding.UTF8.GetString(message.Body.Span)).RootElement.GetProperty("message");
    }

    public void Dispose()
    {
        _expired.Dispose();
        _executed.Dispose();
        _codeBase.Dispose();
    }
}
