using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

/// <summary>Keeps every entry logged to it, with its structured properties.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<Entry> Entries => _entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        _entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception, properties.ToDictionary()));
    }

    public sealed record Entry(
        LogLevel Level, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> Properties);
}
