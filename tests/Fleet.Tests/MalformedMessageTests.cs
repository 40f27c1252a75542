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
    public async Task A_request_missing_its_function_name_is_answered_InvalidRequest()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var fault = await Assert.ThrowsAsync<RunFaultedException>(() =>
            fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "" }));

        Assert.Equal(RunErrorKind.InvalidRequest, fault.Kind);
        Assert.Contains("no funcName", fault.Message, StringComparison.Ordinal);
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
