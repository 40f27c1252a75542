using System.Globalization;
using System.Text;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.RunState;

/// <summary>
/// The console output of one run, capped at <see cref="SandboxOptions.MaxLogBytes"/> (UTF-8). Past the cap the
/// rest is dropped and one truncation notice is kept, so a run printing without end costs the host nothing.
/// Written by the run's engine thread, read (snapshot) by whichever thread completes the run.
/// </summary>
internal sealed class ConsoleLog(int maxBytes)
{
    private readonly Lock _gate = new();
    private List<ConsoleEntry>? _entries;
    private int _bytes;

    /// <summary>True once the cap was reached: later writes are dropped without being formatted.</summary>
    public bool IsFull { get; private set; }

    /// <summary>Bytes still accepted; the formatter stops producing text beyond it.</summary>
    public int Remaining => Math.Max(0, maxBytes - _bytes);

    public void Add(string level, string message)
    {
        lock (_gate)
        {
            if (IsFull)
            {
                return;
            }

            _entries ??= [];
            var size = Encoding.UTF8.GetByteCount(message);
            if (_bytes + size <= maxBytes)
            {
                _bytes += size;
                _entries.Add(new ConsoleEntry(level, message));
                return;
            }

            var kept = Cut(message, maxBytes - _bytes);
            if (kept.Length > 0)
            {
                _entries.Add(new ConsoleEntry(level, kept));
            }

            _entries.Add(new ConsoleEntry(
                "warn",
                $"[console output truncated: the run wrote more than the {maxBytes.ToString("N0", CultureInfo.InvariantCulture)}-byte log limit; later output was dropped]"));
            _bytes = maxBytes;
            IsFull = true;
        }
    }

    public IReadOnlyList<ConsoleEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries is null ? [] : _entries.ToArray();
        }
    }

    private static string Cut(string message, int bytes)
    {
        // Characters are at most 3 UTF-8 bytes each for the BMP and 4 per surrogate pair: trim until it fits.
        var length = Math.Min(message.Length, bytes);
        while (length > 0 && Encoding.UTF8.GetByteCount(message.AsSpan(0, length)) > bytes)
        {
            length = Math.Max(0, length - Math.Max(1, (Encoding.UTF8.GetByteCount(message.AsSpan(0, length)) - bytes) / 3));
        }

        if (length > 0 && char.IsHighSurrogate(message[length - 1]))
        {
            length--;
        }

        return message[..length];
    }
}
