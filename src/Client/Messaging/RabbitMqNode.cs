namespace IsolatedRuntime.Client;

/// <summary>One broker node of a <see cref="RabbitMqConnection"/>: a host and its AMQP port.</summary>
internal readonly record struct RabbitMqNode(string Host, ushort Port);
