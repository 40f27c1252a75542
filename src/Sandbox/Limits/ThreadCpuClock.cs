using System.Runtime.InteropServices;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// The calling thread's CPU time, in <see cref="TimeSpan"/> ticks (100 ns). A read is a system call (about 1 µs on a
/// virtual machine), so a pool thread going straight from one turn to the next reads it once between them: the
/// reading that ends a turn (<see cref="EndTurn"/>) starts the next (<see cref="StartTurn"/>), until the thread waits
/// for work (<see cref="Forget"/>). What the thread does between two turns (taking the next from the queue, handing
/// the last one's outcome on) is charged to the next turn: a few microseconds at most. Linux: <c>clock_gettime</c> with
/// <c>CLOCK_THREAD_CPUTIME_ID</c> (one system call, nanosecond resolution). Windows: <c>GetThreadTimes</c> (user plus
/// kernel time, in the scheduler's coarser quanta). Elsewhere, or when the call fails: always 0, so runs report no CPU
/// time and a CPU budget never trips (docs/runtime.md).
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int _clockThreadCpuTimeId = 3;
    private static readonly bool _linux = OperatingSystem.IsLinux();
    private static readonly bool _windows = OperatingSystem.IsWindows();
    private static bool _unavailable;

    [ThreadStatic]
    private static long _lastTurnEnd;

    /// <summary>True when the clock reads real CPU time on this platform.</summary>
    public static bool IsAvailable => (_linux || _windows) && !_unavailable && Now() >= 0;

    /// <summary>The CPU clock at the start of a turn: where the thread's previous turn ended, or read now.</summary>
    public static long StartTurn() => _lastTurnEnd is var last and not 0 ? last : Now();

    /// <summary>Reads the CPU clock at the end of a turn, and keeps it as the start of the thread's next turn.</summary>
    public static long EndTurn() => _lastTurnEnd = Now();

    /// <summary>The thread is about to wait for work: its next turn reads the clock afresh.</summary>
    public static void Forget() => _lastTurnEnd = 0;

    /// <summary>CPU time the calling thread has used since it started, in ticks; 0 where it cannot be read.</summary>
    public static long Now()
    {
        if (_unavailable)
        {
            return 0;
        }

        try
        {
            if (_linux)
            {
                return ClockGetTime(_clockThreadCpuTimeId, out var time) == 0
                    ? (time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100)
                    : 0;
            }

            if (_windows)
            {
                return GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user) ? kernel + user : 0;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }

        return 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // No GC transition: the call neither blocks nor calls back, and it runs on every turn of every run.
    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [SuppressGCTransition]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [LibraryImport("kernel32")]
    private static partial nint GetCurrentThread();

    [LibraryImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(nint thread, out long creation, out long exit, out long kernel, out long user);
}
