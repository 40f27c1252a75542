using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Adds up one counter of the workers' meter (<c>IsolatedRuntime.Worker</c>) by worker id and by one more tag.</summary>
public sealed class InstrumentCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Worker, string? Tag), long> _counts = new();

    public InstrumentCounter(string instrument, string? tag = null)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == "IsolatedRuntime.Worker" && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? worker = null, tagValue = null;
            foreach (var entry in tags)
            {
                if (entry.Key == "worker.id")
                {
                    worker = entry.Value as string;
                }
                else if (entry.Key == tag)
                {
                    tagValue = entry.Value as string;
                }
            }

            _counts.AddOrUpdate((worker ?? "", tagValue), value, (_, total) => total + value);
        });
        _listener.Start();
    }

    /// <summary>The count for workers whose id starts with <paramref name="workerPrefix"/>, for one tag value or all.</summary>
    public long For(string workerPrefix, string? tagValue = null) => _counts
        .Where(entry => entry.Key.Worker.StartsWith(workerPrefix, StringComparison.Ordinal) && (tagValue is null || entry.Key.Tag == tagValue))
        .Sum(entry => entry.Value);

    /// <summary>The tag values seen for workers whose id starts with <paramref name="workerPrefix"/>.</summary>
    public IReadOnlySet<string?> Tags(string workerPrefix) => _counts.Keys
        .Where(key => key.Worker.StartsWith(workerPrefix, StringComparison.Ordinal)).Select(key => key.Tag).ToHashSet();

    public void Dispose() => _listener.Dispose();
}
