using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Drill: poison messages amid good traffic at a worker process. The unanswerable ones (a body over the request cap
/// among them, refused unread) land in the error queue once, with the reason in their headers; the answerable ones
/// are refused <c>InvalidRequest</c>; nothing loops; the consumer keeps serving. (Each kind alone is covered by MalformedMessageTests; this drill mixes them into load.)
/// </summary>
[Collection(DrillCollection.Name)]
[Trait("Category", "Drill")]
public sealed class PoisonMessageDrill(DrillServices services) : IDisposable
{
    private const int _goodRequests = 200;

    private readonly TestCodeBase _codeBase = DrillCodeBase.Create();

    [Fact]
    public async Task Poison_amid_load_is_parked_or_refused_once_and_the_worker_keeps_serving()
    {
        await using var fleet = await DrillFleet.StartAsync(services, _codeBase.Root, workers: 1);
        await using var broker = await RawBroker.ConnectAsync(services.RabbitMq);
        await using var subscriber = await OutcomeSubscriber.StartAsync(services.RabbitMq);
        var good = Task.WhenAll(Enumerable.Range(0, _goodRequests).Select(i =>
            fleet.Client.RunAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [i, 1] })));

        await broker.SendAsync(fleet.Name, "this is not JSON {", "application/vnd.masstransit+json");
        await broker.SendAsync(fleet.Name, """{"root":"math","file":"index.js","funcName":"add"}""", "application/json");
        var published = Guid.NewGuid();
        await broker.SendAsync(fleet.Name, $$"""{"correlationId":"{{published}}","root":"math"}""", "application/json");
        await broker.SendAsync(fleet.Name, $$"""{"correlationId":"{{Guid.NewGuid()}}","root":"math","args":["{{new string('x', 9_000_000)}}"]}""", "application/json");
        var oversized = fleet.Client.RunAsync(new RunRequest
        {
            Sources = new Dictionary<string, string> { ["index.js"] = "// " + new string('x', 2 * 1024 * 1024) + "\nexports.f = () => 1;" },
            File = "index.js",
            FuncName = "f",
        });

        var replies = await good;
        Assert.All(replies.Select((reply, i) => (reply, i)), pair => Assert.Equal(pair.i + 1, pair.reply.GetResult<int>()));
        var tooBig = await oversized;
        Assert.Equal(RunErrorKind.InvalidRequest, tooBig.Faulted?.Kind);
        Assert.Contains("over the worker's cap", tooBig.Faulted!.Message, StringComparison.Ordinal);
        var missingFields = await OutcomeSubscriber.OutcomeOf(published).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(RunErrorKind.InvalidRequest, missingFields.Faulted?.Kind);

        var error = $"{fleet.Name}_error";
        var parked = new[]
        {
            await broker.ReceiveAsync(error, TimeSpan.FromSeconds(30)),
            await broker.ReceiveAsync(error, TimeSpan.FromSeconds(30)),
            await broker.ReceiveAsync(error, TimeSpan.FromSeconds(30)),
        };
        Assert.Contains(parked, message => message.Headers.ContainsKey("MT-Fault-Message") && message.Body.StartsWith("this is not JSON", StringComparison.Ordinal));
        Assert.Contains(parked, message => message.Headers.Any(header => header.Value.Contains("no correlationId", StringComparison.Ordinal)));
        Assert.Contains(parked, message => message.Headers.Any(header => header.Value.Contains("over this worker's cap", StringComparison.Ordinal)));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0u, await broker.MessageCountAsync(error));
        Assert.Equal(0u, await broker.MessageCountAsync(fleet.Name));
        Assert.False(fleet.Workers[0].HasExited);
        var after = await fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [40, 2] });
        Assert.Equal(42, after);
    }

    public void Dispose() => _codeBase.Dispose();
}
