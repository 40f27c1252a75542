namespace IsolatedRuntime.Fleet.Tests;

/// <summary>The broker and the result store a drill's fleet runs on: single servers, or clusters.</summary>
public interface IDrillServices
{
    /// <summary><c>amqp://user:pass@host:port/</c>, or with several <c>host:port</c> nodes.</summary>
    string RabbitMq { get; }

    /// <summary><c>host:port</c>, or several of them.</summary>
    string Redis { get; }
}
