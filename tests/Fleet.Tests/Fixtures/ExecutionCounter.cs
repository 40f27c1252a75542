using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Counts runs executed per worker id, from the workers' own metric (<c>isolated_runtime.runs.executed</c>).</summary>
public sealed class ExecutionCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byWorker = new();

    public ExecutionCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "IsolatedRuntime.Worker" && instrument.Name == "isolated_runtime.runs.executed")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "worker.id" && tag.Value is string worker)
                {
                    _byWorker.AddOrUpdate(worker, value, (_, total) => total + value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Runs executed by <paramref name="workerId"/> since this counter was created.</summary>
    public long For(string workerId) => _byWorker.GetValueOrDefault(workerId);

    /// <summary>Runs executed by workers whose id starts with <paramref name="prefix"/>.</summary>
    public long ForPrefix(string prefix) => _byWorker.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(entry => entry.Value);

    public void Dispose() => _listener.Dispose();
}
