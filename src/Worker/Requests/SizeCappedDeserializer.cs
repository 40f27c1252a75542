using System.Net.Mime;
using System.Runtime.Serialization;
using MassTransit;

namespace IsolatedRuntime.Worker.Requests;

/// <summary>
/// A MassTransit deserializer that refuses a body over the worker's request cap from its length, before the JSON is
/// read: parsing a 60 MB body costs more than a gigabyte of worker memory, refusing it costs nothing. The refusal is a
/// <see cref="SerializationException"/>, so MassTransit moves the message to the error queue with the reason.
/// </summary>
internal sealed class SizeCappedDeserializer(IMessageDeserializer inner, long maxBytes) : IMessageDeserializer
{
    public ContentType ContentType => inner.ContentType;

    public ConsumeContext Deserialize(ReceiveContext receiveContext)
    {
        Check(receiveContext.Body);
        return inner.Deserialize(receiveContext);
    }

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        Check(body);
        return inner.Deserialize(body, headers, destinationAddress);
    }

    public MessageBody GetMessageBody(string text) => inner.GetMessageBody(text);

    public void Probe(ProbeContext context)
    {
        context.Add("maxRequestBytes", maxBytes);
        inner.Probe(context);
    }

    private void Check(MessageBody body)
    {
        var length = body.Length ?? body.GetBytes().LongLength;
        if (length > maxBytes)
        {
            throw new SerializationException(
                $"The message is {length} bytes, over this worker's cap of {maxBytes} bytes " +
                "(IsolatedRuntime:MaxRequestBytes); it was not read. Keep sources, args and context within their caps " +
                "(MaxInlineSourceBytes, MaxArgsBytes, MaxContextBytes), or raise the caps on every worker.");
        }
    }
}
