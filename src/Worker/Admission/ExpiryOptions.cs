namespace IsolatedRuntime.Worker.Admission;

/// <summary>Section <c>IsolatedRuntime:Expiry</c>: how long a request may wait in the queue when it does not say.</summary>
public sealed class ExpiryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "IsolatedRuntime:Expiry";

    /// <summary>
    /// The queue age after which a request that carries no <c>maxQueueAgeMs</c> of its own is answered
    /// <c>Expired</c> without running, counted from the time it was sent. Null (the default): no limit.
    /// </summary>
    public TimeSpan? DefaultMaxQueueAge { get; set; }
}
