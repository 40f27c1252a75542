using IsolatedRuntime.Client;
using Xunit.Abstractions;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Where a Docker engine answers, the fleet tests' RabbitMQ and Redis are containers started by Testcontainers from
/// the images the compose file uses (local stand-ins where no registry answers), and a fleet works on them.
/// scripts/test.sh runs this class with FLEET_SERVICES=containers; the other fleet tests run on processes first.
/// </summary>
[Collection(FleetCollection.Name)]
[Trait("Category", "Docker")]
public sealed class FleetServicesInContainersTests(FleetServices services, ITestOutputHelper output) : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [DockerFact]
    public async Task The_fleet_services_are_Testcontainers_containers_and_a_run_goes_through_them()
    {
        output.WriteLine($"services: {services.Source}");
        Assert.True(services.InContainers || Environment.GetEnvironmentVariable(FleetServices.ChoiceVariable) == "processes",
            $"a Docker engine answers, so the fleet services should be containers, but they came from {services.Source}");

        await using var fleet = await FleetHarness.StartAsync(services, _codeBase.Root, workers: 2);
        var sums = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            fleet.Client.RunAsync<int>(new RunRequest { Root = "math", File = "index.js", FuncName = "add", Args = [i, 1] })));

        Assert.Equal(Enumerable.Range(1, 20), sums);
    }

    public void Dispose() => _codeBase.Dispose();
}
