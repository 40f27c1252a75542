using MassTransit;
using RabbitMQ.Client;

namespace IsolatedRuntime.Protocol.Connections;

// Parsed here rather than by MassTransit's Host(Uri): that reads one host only (no node list), pins TLS 1.2 on port
// 5671, and its errors name no setting; the broker check's plain AMQP connection needs the same parts besides.
/// <summary>
/// A RabbitMQ connection given as an <c>amqp://user:pass@host:port/vhost</c> URI (<c>amqps://</c> for TLS), the form
/// of <c>ConnectionStrings:RabbitMq</c>; a cluster lists its nodes in place of the one host,
/// <c>amqp://user:pass@rabbit1:5672,rabbit2:5672,rabbit3:5672/vhost</c>. Credentials come only from here: nothing is
/// assumed. A class, not a record, so that the password never shows up in a printed value.
/// </summary>
public sealed class RabbitMqConnection
{
    private const string _example = "e.g. 'amqp://worker:secret@rabbitmq.internal:5672/'";
    private const string _clusterExample = "e.g. 'amqp://worker:secret@rabbit1:5672,rabbit2:5672,rabbit3:5672/'";

    private readonly string _password;

    private RabbitMqConnection(IReadOnlyList<RabbitMqNode> nodes, string virtualHost, string userName, string password, bool useTls)
    {
        Nodes = nodes;
        VirtualHost = virtualHost;
        UserName = userName;
        _password = password;
        UseTls = useTls;
    }

    /// <summary>Every broker node named, in the order given; one for a single broker.</summary>
    public IReadOnlyList<RabbitMqNode> Nodes { get; }

    /// <summary>The first node's host.</summary>
    public string Host => Nodes[0].Host;

    /// <summary>The first node's port.</summary>
    public ushort Port => Nodes[0].Port;

    /// <summary>The virtual host, unescaped; <c>/</c> when the URI has no path.</summary>
    public string VirtualHost { get; }

    /// <summary>The user name, unescaped.</summary>
    public string UserName { get; }

    /// <summary>True for an <c>amqps://</c> URI.</summary>
    public bool UseTls { get; }

    /// <summary>Parses the URI, or throws an <see cref="ArgumentException"/> that names the setting and an example.</summary>
    public static RabbitMqConnection Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"ConnectionStrings:RabbitMq is not set. Set it to an amqp:// URI, {_example}.");
        }

        // A node list is not a URI authority: parse the URI with the first node, then each further node alone.
        var hosts = HostList(connectionString, out var firstHostUri);
        if (!Uri.TryCreate(firstHostUri, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
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
        var nodes = new List<RabbitMqNode> { new(uri.Host, DefaultPort(uri, tls)) };
        foreach (var host in hosts.Skip(1))
        {
            nodes.Add(Node(host, uri.Scheme, tls));
        }

        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        return new RabbitMqConnection(nodes, virtualHost, Uri.UnescapeDataString(userInfo[0]), Uri.UnescapeDataString(userInfo[1]), tls);
    }

    /// <summary>
    /// Points a MassTransit RabbitMQ bus at this broker. With several nodes the bus connects to one of them and, when
    /// that connection fails, to the next (MassTransit's cluster configuration); each process starts at a random node
    /// so that the connections of a fleet spread over the cluster.
    /// </summary>
    public void Apply(IRabbitMqBusFactoryConfigurator bus)
    {
        var nodes = Rotated(Random.Shared.Next(Nodes.Count));
        bus.Host(nodes[0].Host, nodes[0].Port, VirtualHost, host =>
        {
            host.Username(UserName);
            host.Password(_password);
            if (UseTls)
            {
                host.UseSsl(ssl => ssl.ServerName = nodes[0].Host);
            }

            if (nodes.Count > 1)
            {
                host.UseCluster(cluster =>
                {
                    foreach (var node in nodes)
                    {
                        cluster.Node($"{node.Host}:{node.Port}");
                    }
                });
            }
        });
    }

    /// <summary>
    /// A plain AMQP connection (no MassTransit, no recovery) to the first node of the list that answers, for one-off
    /// checks of the broker's state.
    /// </summary>
    public async Task<IConnection> ConnectAsync(string clientName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            UserName = UserName,
            Password = _password,
            VirtualHost = VirtualHost,
            RequestedConnectionTimeout = timeout,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = clientName,
        };
        var endpoints = Nodes.Select(node => new AmqpTcpEndpoint(node.Host, node.Port, new SslOption(node.Host, enabled: UseTls)));
        return await factory.CreateConnectionAsync(endpoints, cancellationToken);
    }

    /// <summary>The nodes in order, starting at <paramref name="first"/> and wrapping around.</summary>
    /// <param name="first">Index of the node to start at.</param>
    public IReadOnlyList<RabbitMqNode> Rotated(int first) => [.. Nodes.Skip(first), .. Nodes.Take(first)];

    private static string[] HostList(string connectionString, out string firstHostUri)
    {
        var schemeEnd = connectionString.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            firstHostUri = connectionString;
            return [];
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = connectionString.IndexOfAny(['/', '?', '#'], authorityStart);
        authorityEnd = authorityEnd < 0 ? connectionString.Length : authorityEnd;
        var hostStart = connectionString.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) + 1;
        hostStart = hostStart == 0 ? authorityStart : hostStart;
        var hosts = connectionString[hostStart..authorityEnd].Split(',');
        if (hosts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException(
                $"ConnectionStrings:RabbitMq has an empty entry in its list of nodes. Separate nodes with commas, {_clusterExample}.");
        }

        firstHostUri = connectionString[..hostStart] + hosts[0] + connectionString[authorityEnd..];
        return hosts;
    }

    private static RabbitMqNode Node(string host, string scheme, bool tls)
    {
        // MassTransit's node list is host:port, so a bracketed IPv6 address cannot be one of several nodes.
        if (host.Contains('[', StringComparison.Ordinal) || !Uri.TryCreate($"{scheme}://{host}/", UriKind.Absolute, out var uri) ||
            uri.AbsolutePath != "/" || uri.UserInfo.Length > 0)
        {
            throw new ArgumentException(
                $"ConnectionStrings:RabbitMq names a node that is not 'host' or 'host:port' ('{host}'). List the nodes of a " +
                $"cluster after the credentials, {_clusterExample}.");
        }

        return new RabbitMqNode(uri.Host, DefaultPort(uri, tls));
    }

    private static ushort DefaultPort(Uri uri, bool tls) => (ushort)(uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port);
}
