namespace IsolatedRuntime.Worker.Consumers;

/// <summary>
/// A message that cannot be answered at all (no correlation id). Thrown so that MassTransit moves it to the error
/// queue with this message in its fault headers; it is never retried.
/// </summary>
internal sealed class MalformedRunRequestException(string message) : Exception(message);
