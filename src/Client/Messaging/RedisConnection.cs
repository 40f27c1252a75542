using StackExchange.Redis;

namespace IsolatedRuntime.Client;

/// <summary>
/// One Redis multiplexer, connected on first use and never failing the caller's start-up: with
/// <c>AbortOnConnectFail</c> off it keeps reconnecting in the background while Redis is away.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;

    public RedisConnection(string configuration)
    {
        var options = Parse(configuration);
        _multiplexer = new(async () => await ConnectionMultiplexer.ConnectAsync(options));
    }

    public async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await _multiplexer.Value.WaitAsync(cancellationToken);
        return multiplexer.GetDatabase();
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }

    /// <summary>Parses a StackExchange.Redis configuration string, with an error that says how to fix it.</summary>
    public static ConfigurationOptions Parse(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(
                "ConnectionStrings:Redis is not a valid Redis configuration string. Use 'host:port', optionally with " +
                "options, e.g. 'redis.internal:6379,password=secret,ssl=true'.", ex);
        }

        if (options.EndPoints.Count == 0)
        {
            throw new ArgumentException(
                "ConnectionStrings:Redis names no endpoint. Use 'host:port', e.g. '127.0.0.1:6379'.");
        }

        options.AbortOnConnectFail = false;
        return options;
    }
}
