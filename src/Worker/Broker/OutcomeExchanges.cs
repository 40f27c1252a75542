using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Worker.Broker;

/// <summary>
/// The exchanges that published outcomes go to: durable fanout exchanges named after the message types, as MassTransit
/// names and declares them. The worker declares them when it starts, so that a subscriber can bind before the first
/// outcome is published.
/// </summary>
internal static class OutcomeExchanges
{
    /// <summary>The exchange type MassTransit publishes through; a subscriber binds a queue with any routing key.</summary>
    public const string Type = "fanout";

    public static string Completed { get; } = NameOf<RunCompleted>();

    public static string Faulted { get; } = NameOf<RunFaulted>();

    public static IReadOnlyList<string> All { get; } = [Completed, Faulted];

    /// <summary>The exchange <typeparamref name="T"/> is published to (MassTransit's <c>Namespace:Type</c>).</summary>
    public static string NameOf<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";
}
