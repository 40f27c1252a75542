using Jint.Native;

namespace IsolatedRuntime.Sandbox.EventLoop;

/// <summary>One pending <c>setTimeout</c>, <c>setInterval</c> or <c>setImmediate</c> of a run.</summary>
internal sealed class TimerEntry
{
    public required int Id { get; init; }

    public required JsValue Callback { get; init; }

    public required JsValue[] Arguments { get; init; }

    /// <summary>Repeat period for <c>setInterval</c>; null for one-shot timers.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp at which the callback is due.</summary>
    public long DueTimestamp { get; set; }

    public bool Cleared { get; set; }
}
