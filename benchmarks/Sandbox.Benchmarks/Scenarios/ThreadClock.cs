using System.Runtime.InteropServices;

namespace IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

/// <summary>The calling thread's CPU clock, read as the sandbox reads it (Linux only), to weigh one read.</summary>
internal static partial class ThreadClock
{
    public static long Now() => ClockGetTime(3, out var time) == 0 ? (time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100) : 0;

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [SuppressGCTransition]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
