using MassTransit;

namespace IsolatedRuntime.Client;

/// <summary>
/// A RabbitMQ connection given as an <c>amqp://user:pass@host:port/vhost</c> URI (<c>amqps://</c> for TLS), the form
/// of <c>ConnectionStrings:RabbitMq</c>. Credentials come only from here: nothing is assumed. A class, not a record, so
/// that the password never shows up in a printed value.
/// </summary>
internal sealed class RabbitMqConnection(string host, ushort port, string virtualHost, string userName, string password, bool useTls)
{
    public string Host { get; } = host;

    public ushort Port { get; } = port;

    public string VirtualHost { get; } = virtualHost;

    public string UserName { get; } = userName;

    public bool UseTls { get; } = useTls;

    private const string _example = "e.g. 'amqp://worker:secret@rabbitmq.internal:5672/'";

    /// <summary>Parses the URI, or throws an <see cref="ArgumentException"/> that names the setting and an example.</summary>
    public static RabbitMqConnection Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"ConnectionStrings:RabbitMq is not set. Set it to an amqp:// URI, {_example}.");
        }

        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            throw new ArgumentException($"ConnectionStrings:RabbitMq is not an amqp:// or amqps:// URI. Use {_example}.");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length != 2 || userInfo[0].Length == 0)
        {
            throw new ArgumentException(
                $"ConnectionStrings:RabbitMq carries no user name and password. Put them in the URI, {_example}.");
        }

        var tls = uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port;
        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        return new RabbitMqConnection(
            uri.Host,
            (ushort)port,
            virtualHost,
            Uri.UnescapeDataString(userInfo[0]),
            Uri.UnescapeDataString(userInfo[1]),
            tls);
    }

    /// <summary>Points a MassTransit RabbitMQ bus at this broker.</summary>
    public void Apply(IRabbitMqBusFactoryConfigurator bus) =>
        bus.Host(Host, Port, VirtualHost, host =>
        {
            host.Username(UserName);
            host.Password(password);
            if (UseTls)
            {
                host.UseSsl(ssl => ssl.ServerName = Host);
            }
        });
}
