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
