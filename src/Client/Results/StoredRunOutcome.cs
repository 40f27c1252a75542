using System.Text.Json;

namespace IsolatedRuntime.Client;

/// <summary>
/// What the result store keeps per correlation id: the answer and the fingerprint of the request that produced it,
/// so that the id reused with another request can be refused. Written by workers, read by clients.
/// </summary>
internal sealed record StoredRunOutcome(string Fingerprint, RunReply Reply)
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, _options);

    public static StoredRunOutcome? FromUtf8(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<StoredRunOutcome>(json, _options);
}
