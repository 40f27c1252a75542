using IsolatedRuntime.Protocol.Connections;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A worker whose settings cannot work refuses to start, and says which setting to fix and how.</summary>
public sealed class WorkerOptionsTests
{
    public static TheoryData<string?, string?, string> Refusals => new()
    {
        { null, "amqp://u:p@127.0.0.1:5672/", "IsolatedRuntime:CodeBase is not set. Set it to the folder that request roots are relative to" },
        { "/nonexistent/isolated-runtime-code", "amqp://u:p@127.0.0.1:5672/", "IsolatedRuntime:CodeBase names a folder that does not exist" },
        { ".", null, "ConnectionStrings:RabbitMq is not set" },
        { ".", "http://127.0.0.1:5672", "ConnectionStrings:RabbitMq is not an amqp:// or amqps:// URI" },
        { ".", "amqp://127.0.0.1:5672/", "ConnectionStrings:RabbitMq carries no user name and password" },
        { ".", "amqp://u:p@rabbit1:5672,,rabbit3:5672/", "ConnectionStrings:RabbitMq has an empty entry in its list of nodes" },
        { ".", "amqp://u:p@rabbit1:5672,rabbit2:port/", "ConnectionStrings:RabbitMq names a node that is not 'host' or 'host:port' ('rabbit2:port')" },
        { ".", "amqp://u:p@rabbit1,[::1]:5672/", "names a node that is not 'host' or 'host:port' ('[::1]:5672')" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_worker_with_unusable_settings_refuses_to_start_with_a_clear_message(string? codeBase, string? rabbitMq, string expected)
    {
        using var host = WorkerHost.Builder(new Dictionary<string, string?>
        {
            ["IsolatedRuntime:CodeBase"] = codeBase,
            ["ConnectionStrings:RabbitMq"] = rabbitMq,
        }).Build();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_uri_names_every_node_and_each_process_starts_at_one_of_them()
    {
        var broker = RabbitMqConnection.Parse("amqps://worker:s%40cret@rabbit1,rabbit2:5675,10.0.0.3:5671/fleet");

        Assert.Equal(
            [new RabbitMqNode("rabbit1", 5671), new RabbitMqNode("rabbit2", 5675), new RabbitMqNode("10.0.0.3", 5671)], broker.Nodes);
        Assert.Equal(("worker", "fleet", true), (broker.UserName, broker.VirtualHost, broker.UseTls));
        Assert.Equal([new RabbitMqNode("10.0.0.3", 5671), new RabbitMqNode("rabbit1", 5671), new RabbitMqNode("rabbit2", 5675)], broker.Rotated(2));
        Assert.Equal([new RabbitMqNode("127.0.0.1", 5672)], RabbitMqConnection.Parse("amqp://u:p@127.0.0.1/").Nodes);
    }

    [Fact]
    public async Task A_key_prefix_with_a_brace_is_refused_at_start()
    {
        using var host = WorkerHost.Builder(new Dictionary<string, string?>
        {
            ["IsolatedRuntime:CodeBase"] = ".",
            ["IsolatedRuntime:ResultStore:KeyPrefix"] = "fleet:{a}:",
            ["ConnectionStrings:RabbitMq"] = "amqp://u:p@127.0.0.1:5672/",
        }).Build();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("IsolatedRuntime:ResultStore:KeyPrefix contains a brace", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_body_cap_that_is_not_positive_is_refused_at_start()
    {
        using var host = WorkerHost.Builder(new Dictionary<string, string?>
        {
            ["IsolatedRuntime:CodeBase"] = ".",
            ["IsolatedRuntime:MaxRequestBytes"] = "0",
            ["ConnectionStrings:RabbitMq"] = "amqp://u:p@127.0.0.1:5672/",
        }).Build();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("IsolatedRuntime:MaxRequestBytes must be positive", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_redis_string_is_refused_at_start()
    {
        using var host = WorkerHost.Builder(new Dictionary<string, string?>
        {
            ["IsolatedRuntime:CodeBase"] = ".",
            ["ConnectionStrings:RabbitMq"] = "amqp://u:p@127.0.0.1:5672/",
            ["ConnectionStrings:Redis"] = "127.0.0.1:6379,nonsense=1",
        }).Build();

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ConnectionStrings:Redis", refusal.Message, StringComparison.Ordinal);
    }
}
