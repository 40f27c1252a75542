using System.Net.Mime;
using MassTransit;

namespace IsolatedRuntime.Worker.Requests;

/// <summary>Wraps a MassTransit serializer factory so that its deserializer refuses bodies over the request cap.</summary>
internal sealed class SizeCappedSerializerFactory(ISerializerFactory inner, long maxBytes) : ISerializerFactory
{
    public ContentType ContentType => inner.ContentType;

    public IMessageSerializer CreateSerializer() => inner.CreateSerializer();

    public IMessageDeserializer CreateDeserializer() => new SizeCappedDeserializer(inner.CreateDeserializer(), maxBytes);
}
