using System.Text.RegularExpressions;
using IsolatedRuntime.Client;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A request sent without a response address has its outcome published as an event and stored for lookup.</summary>
[Collection(FleetCollection.Name)]
public sealed partial class PublishTests(FleetServices services) : IDisposable
{
    private static readonly TimeSpan _within = TimeSpan.FromSeconds(30);
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Fact]
    public async Task A_published_request_has_its_outcome_published_and_then_found_by_GetResultAsync_as_run()
    {
        await using var subscriber = await OutcomeSubscriber.StartAsync(services);
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        var id = await fleet.Client.PublishAsync(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [40, 2] });

        var published = await OutcomeSubscriber.OutcomeOf(id).WaitAsync(_within);
        Assert.Equal(42, published.GetResult<int>());
        var stored = await fleet.Client.GetResultAsync(id);
        Assert.NotNull(stored);
        Assert.Equal(42, stored.GetResult<int>());
        Assert.False(stored.FromCache);
        Assert.Equal(FleetHarness.WorkerId(fleet.Name, 0), stored.WorkerId);
    }

    [Fact]
    public async Task GetResultAsync_tells_the_stored_run_from_an_answer_served_from_the_store()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);
        var request = new RunRequest { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "add", Args = [1, 2] };

        var fresh = await fleet.Client.RunAsync(request);
        var stored = await fleet.Client.GetResultAsync(request.CorrelationId!.Value);
        var repeated = await fleet.Client.RunAsync(request);

        Assert.False(fresh.FromCache);
        Assert.False(stored!.FromCache);
        Assert.Equal(fresh.WorkerId, stored.WorkerId);
        Assert.Equal(fresh.DurationMs, stored.DurationMs);
        Assert.True(repeated.FromCache);
    }

    [Fact]
    public async Task An_unknown_correlation_id_has_no_result_yet()
    {
        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root);

        Assert.Null(await fleet.Client.GetResultAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task The_raw_JSON_example_in_the_docs_runs_when_a_non_dotnet_producer_sends_it()
    {
        var example = RawExample();
        var id = Guid.Parse(CorrelationIdPattern().Match(example).Groups[1].Value);
        await using var subscriber = await OutcomeSubscriber.StartAsync(services);
        await using var fleet = await FleetHarness.StartAsync(services, Path.Combine(Repository.Root, "examples"));
        await using var broker = await RawBroker.ConnectAsync(services);

        await broker.SendAsync(fleet.Name, example, "application/vnd.masstransit+json");

        var outcome = await OutcomeSubscriber.OutcomeOf(id).WaitAsync(_within);
        Assert.Equal(5, outcome.GetResult<int>());
    }

    public void Dispose() => _codeBase.Dispose();

    // The first ```json block after the heading "Raw RunRequested" in docs/fleet.md.
    private static string RawExample()
    {
        var docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "fleet.md"));
        var section = docs[docs.IndexOf("Raw RunRequested", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)].Trim();
    }

    [GeneratedRegex("\"message\"\\s*:\\s*\\{\\s*\"correlationId\"\\s*:\\s*\"([0-9a-f-]{36})\"")]
    private static partial Regex CorrelationIdPattern();
}
