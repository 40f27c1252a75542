namespace IsolatedRuntime.Worker.Replies;

/// <summary>
/// Where the answer to one request goes, decided from its response address before the request runs: published as an
/// outcome event, sent to a queue through the broker's default exchange, or nowhere (with the reason).
/// </summary>
internal sealed record ReplyRoute
{
    private ReplyRoute(ReplyRouteKind kind, string? queue, bool confirmed, string? refusal)
    {
        Kind = kind;
        Queue = queue;
        Confirmed = confirmed;
        Refusal = refusal;
    }

    /// <summary>No response address: the outcome is published to the outcome exchanges.</summary>
    public static ReplyRoute Publish { get; } = new(ReplyRouteKind.Publish, null, false, null);

    public ReplyRouteKind Kind { get; }

    /// <summary>The queue the answer goes to (the routing key on the default exchange).</summary>
    public string? Queue { get; }

    /// <summary>
    /// True when the answer is sent mandatory and the broker's confirm awaited, so that a queue that does not exist
    /// (never did, or was deleted mid-flight) is reported instead of the answer vanishing.
    /// </summary>
    public bool Confirmed { get; }

    /// <summary>Why the answer cannot be delivered, when <see cref="Kind"/> is <see cref="ReplyRouteKind.Refused"/>.</summary>
    public string? Refusal { get; }

    public static ReplyRoute ToQueue(string queue, bool confirmed) => new(ReplyRouteKind.Queue, queue, confirmed, null);

    public static ReplyRoute Refused(string reason) => new(ReplyRouteKind.Refused, null, false, reason);
}

/// <summary>The kinds of <see cref="ReplyRoute"/>.</summary>
internal enum ReplyRouteKind
{
    /// <summary>Published as an outcome event.</summary>
    Publish,

    /// <summary>Sent to one queue through the default exchange; nothing is declared.</summary>
    Queue,

    /// <summary>The response address cannot be answered; the outcome is only stored.</summary>
    Refused,
}
