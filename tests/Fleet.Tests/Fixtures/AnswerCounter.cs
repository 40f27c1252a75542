using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Counts, per worker id, from the workers' own meter: answers sent (<c>isolated_runtime.answer.duration</c>),
/// answers served from the result store (a redelivery or a repeated id) and undelivered answers by reason.
/// </summary>
public sealed class AnswerCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Worker, string What), long> _counts = new();

    public AnswerCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "IsolatedRuntime.Worker" && instrument.Name is
                "isolated_runtime.answer.duration" or "isolated_runtime.runs.from_store" or "isolated_runtime.answers.undelivered")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, tags, value));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags, 1));
        _listener.Start();
    }

    /// <summary>Answers <paramref name="workerId"/> sent or settled (one per request consumed to its end).</summary>
    public long Answers(string workerId) => _counts.GetValueOrDefault((workerId, "answers"));

    /// <summary>Requests <paramref name="workerId"/> answered from the store instead of running them.</summary>
    public long FromStore(string workerId) => _counts.GetValueOrDefault((workerId, "from_store"));

    /// <summary>Answers <paramref name="workerId"/> could not deliver, for <paramref name="reason"/> (null: any).</summary>
    public long Undelivered(string workerId, string? reason = null) => _counts
        .Where(entry => entry.Key.Worker == workerId && (reason is null ? entry.Key.What.StartsWith("undelivered:", StringComparison.Ordinal) : entry.Key.What == $"undelivered:{reason}"))
        .Sum(entry => entry.Value);

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags, long value)
    {
        string? worker = null;
        string? reason = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "worker.id")
            {
                worker = tag.Value as string;
            }
            else if (tag.Key == "reason")
            {
                reason = tag.Value as string;
            }
        }

        var what = instrument.Name switch
        {
            "isolated_runtime.answer.duration" => "answers",
            "isolated_runtime.runs.from_store" => "from_store",
            _ => $"undelivered:{reason}",
        };
        if (worker is not null)
        {
            _counts.AddOrUpdate((worker, what), value, (_, total) => total + value);
        }
    }
}
