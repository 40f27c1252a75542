using System.Text.Json;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>RunRequested bodies as a producer in another language writes them, from the wire contract.</summary>
public static class RawRequest
{
    /// <summary>The bare message (content type <c>application/json</c>): a call to math/index.js.</summary>
    public static string Bare(Guid correlationId, string funcName = "add", string args = "[2, 3]") =>
        $$"""{"correlationId":"{{correlationId}}","root":"math","file":"index.js","funcName":"{{funcName}}","args":{{args}}}""";

    /// <summary>MassTransit's envelope (<c>application/vnd.masstransit+json</c>) with a request id and a response address.</summary>
    public static string Envelope(Guid correlationId, string responseAddress, Guid? requestId = null, string funcName = "add", string args = "[2, 3]") =>
        $$"""
        {"messageId":"{{Guid.NewGuid()}}","requestId":"{{requestId ?? Guid.NewGuid()}}","responseAddress":{{JsonSerializer.Serialize(responseAddress)}},
         "messageType":["urn:message:IsolatedRuntime.Contracts:RunRequested"],"message":{{Bare(correlationId, funcName, args)}}}
        """;

    /// <summary>The broker's <c>host:port</c> in <paramref name="rabbitMq"/>, for response addresses.</summary>
    public static string HostAndPort(string rabbitMq) => new Uri(rabbitMq) is var uri ? $"{uri.Host}:{uri.Port}" : "";
}
