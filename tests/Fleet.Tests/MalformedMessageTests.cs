using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A message the worker cannot use goes to the error queue with its reason, once; the consumer keeps serving.</summary>
[Collection(FleetCollection.Name)]
public sealed class MalformedMessageTests(FleetServices services) : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "{\"messageType\":[\"urn:message:IsolatedRuntime.Contracts:RunRequested\"],\"responseAddress\":\"rabbitmq://localhost/amq.gen-x\",\"faultAddress\":\"rabbitmq://localhost/amq.gen-y\",\"message\":{\"root\":\"math\",\"file\":\"index.js\",\"funcName\":\"add\"}}", "application/vnd.masstransit+json", "no correlationId" },
        { "this is not JSON {", "application/vnd.masstransit+json", "MT-Fault-Message" },
        { "{\"messageType\":[\"urn:message:IsolatedRuntime.Contracts:RunRequested\"],\"message\":{\"root\":\"math\",\"file\":\"index.js\",\"funcName\":\"add\"}}", "application/vnd.masstransit+json", "no correlationId" },
        { "{\"root\":\"math\",\"file\":\"index.js\",\"funcName\":\"add\"}", "application/json", "no correlationId" },
        { "[1, 2, 3]", "application/json", "MT-Fault-Message" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_message_lands_in_the_error_queue_and_the_consumer_keeps_serving(string body, string contentType, string reason)
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        await using var broker = await RawBroker.ConnectAsync(services);

        await broker.SendAsync(fleet.Name, body, contentType);

        var (errorBody, headers) = await broker.ReceiveAsync($"{fleet.Name}_error", TimeSpan.FromSeconds(30));
        Assert.Equal(body, errorBody);
        Assert.Contains(headers, header => header.Key.Contains(reason, StringComparison.Ordinal) || header.Value.Contains(reason, StringComparison.Ordinal));
        var stillServing = await fleet.Client.RunAsync(new RunRequest { Root = "../..", File = "index.js", FuncName = "add" });
        Assert.Equal(RunErrorKind.InvalidRequest, stillServing.Faulted?.Kind);
    }

    [Fact]
    public async Task A_body_over_the_request_cap_lands_in_the_error_queue_unread_with_the_reason()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root,
            settings: new Dictionary<string, string?> { ["IsolatedRuntime:MaxRequestBytes"] = "65536" });
        await using var broker = await RawBroker.ConnectAsync(services);
        var body = $$"""{"correlationId":"{{Guid.NewGuid()}}","root":"math","file":"index.js","funcName":"echo","args":["{{new string('x', 100_000)}}"]}""";

        await broker.SendAsync(fleet.Name, body, "application/json");

        var (errorBody, headers) = await broker.ReceiveAsync($"{fleet.Name}_error", TimeSpan.FromSeconds(30));
        Assert.Equal(body, errorBody);
        Assert.Contains(headers.Values, value => value.Contains("over this worker's cap of 65536 bytes", StringComparison.Ordinal));
        Assert.Equal("fault", headers.GetValueOrDefault("MT-Reason"));
        Assert.Equal(5, await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [2, 3] }));
    }

    [Fact]
    public async Task A_message_of_another_type_lands_in_the_skipped_queue_untouched()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        await using var broker = await RawBroker.ConnectAsync(services);
        var body = """{"messageType":["urn:message:Somebody.Else:Message"],"message":{"correlationId":"0d9f1c3e-5b7a-4c2e-9f10-3a8b6c4d2e11"}}""";

        await broker.SendAsync(fleet.Name, body, "application/vnd.masstransit+json");

        var (skippedBody, headers) = await broker.ReceiveAsync($"{fleet.Name}_skipped", TimeSpan.FromSeconds(30));
        Assert.Equal(body, skippedBody);
        Assert.Equal("dead-letter", headers.GetValueOrDefault("MT-Reason"));
        Assert.Equal(0u, await broker.MessageCountOfDurableAsync($"{fleet.Name}_error"));
        Assert.Equal(5, await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [2, 3] }));
    }

    [Fact]
    public async Task A_request_missing_its_function_name_is_answered_InvalidRequest()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var fault = await Assert.ThrowsAsync<RunFaultedException>(() =>
            fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "" }));

        Assert.Equal(RunErrorKind.InvalidRequest, fault.Kind);
        Assert.Equal("InvalidRequestError", fault.ErrorName);
        Assert.Contains("no 'funcName'", fault.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../..")]
    [InlineData("/etc")]
    [InlineData("link-out")]
    public async Task A_root_out_of_the_code_base_is_answered_InvalidRequest_over_the_wire(string root)
    {
        _codeBase.WithLink("link-out", Path.GetTempPath());
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var fault = await Assert.ThrowsAsync<RunFaultedException>(() =>
            fleet.Client.RunAsync<int>(new RunRequest { Root = root, File = "index.js", FuncName = "add" }));

        Assert.Equal(RunErrorKind.InvalidRequest, fault.Kind);
        Assert.Equal(FleetHarness.WorkerId(fleet.Name, 0), fault.Fault.WorkerId);
        Assert.DoesNotContain(_codeBase.Root, fault.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _codeBase.Dispose();
}
