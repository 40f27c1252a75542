using System.Text.Json;

namespace IsolatedRuntime.Protocol.Results;

/// <summary>
/// What the result store keeps per correlation id: the answer and the fingerprint of the request that produced it,
/// so that the id reused with another request can be refused. Written by workers, read by clients.
/// </summary>
/// <param name="Fingerprint">The hash of the request that produced <paramref name="Reply"/>.</param>
/// <param name="Reply">The answer as its run produced it.</param>
public sealed record StoredRunOutcome(string Fingerprint, RunReply Reply)
{
    /// <summary>
    /// The fingerprint of an outcome stored by a cancel (<see cref="Contracts.CancelRun"/>) rather than by a run: it
    /// answers whatever request comes with that id, since the canceled request's content is not known when it is stored.
    /// </summary>
    public const string CanceledFingerprint = "canceled";

    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The document as stored: camelCase JSON, null members left out.</summary>
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, _options);

    /// <summary>Reads a stored document back; null for a JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">The bytes are not a stored outcome.</exception>
    public static StoredRunOutcome? FromUtf8(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<StoredRunOutcome>(json, _options);
}
