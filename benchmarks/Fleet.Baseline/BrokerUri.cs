using MassTransit;

namespace IsolatedRuntime.Fleet.Baseline;

/// <summary>Points a bus at an <c>amqp://user:pass@host:port/vhost</c> URI, as the worker's connection string does.</summary>
internal static class BrokerUri
{
    public static void Apply(IRabbitMqBusFactoryConfigurator bus, Uri uri)
    {
        var user = uri.UserInfo.Split(':', 2);
        var vhost = uri.AbsolutePath.TrimStart('/');
        bus.Host(uri.Host, (ushort)(uri.Port > 0 ? uri.Port : 5672), vhost.Length == 0 ? "/" : Uri.UnescapeDataString(vhost), host =>
        {
            host.Username(Uri.UnescapeDataString(user[0]));
            host.Password(user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "");
        });
    }
}
