namespace IsolatedRuntime.Protocol.Connections;

/// <summary>One broker node of a <see cref="RabbitMqConnection"/>: a host and its AMQP port.</summary>
/// <param name="Host">The node's host name or address.</param>
/// <param name="Port">The node's AMQP port (5672, or 5671 for TLS, when the URI names none).</param>
public readonly record struct RabbitMqNode(string Host, ushort Port);
