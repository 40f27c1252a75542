using StackExchange.Redis;

namespace IsolatedRuntime.Protocol.Connections;

/// <summary>
/// One Redis multiplexer, connected on first use and never failing the caller's start-up: with
/// <c>AbortOnConnectFail</c> off it keeps reconnecting in the background while Redis is away.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;

    /// <summary>Reads the configuration string now (a bad one throws here); connects on first use.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>redis.internal:6379,password=secret</c>.</param>
    /// <exception cref="ArgumentException">The string is malformed or names no endpoint.</exception>
    public RedisConnection(string configuration)
    {
        var options = Parse(configuration);
        _multiplexer = new(async () => await ConnectionMultiplexer.ConnectAsync(options));
    }

    /// <summary>The database, once the first connection is made.</summary>
    public async Task<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await _multiplexer.Value.WaitAsync(cancellationToken);
        return multiplexer.GetDatabase();
    }

    /// <summary>Closes the multiplexer if it was ever opened.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }

    /// <summary>Parses a StackExchange.Redis configuration string, with an error that says how to fix it.</summary>
    /// <param name="configuration">The string as configured.</param>
    /// <exception cref="ArgumentException">The string is malformed or names no endpoint.</exception>
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
