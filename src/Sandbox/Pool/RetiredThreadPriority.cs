using System.Runtime.InteropServices;

namespace IsolatedRuntime.Sandbox.Pool;

/// <summary>
/// Lowers the operating-system priority of a thread the watchdog retired. .NET cannot stop it, and while it finishes
/// the call it is stuck in (an uninterruptible builtin) it would compete with live runs for the cores; at the lowest
/// priority it only takes what they leave. On Linux a thread is its own task, niced through its id
/// (<c>Thread.Priority</c> is not applied there); elsewhere <c>Thread.Priority</c> is.
/// </summary>
internal static partial class RetiredThreadPriority
{
    private const int _lowest = 19;
    private const int _prioProcess = 0;

    /// <summary>The calling thread's id as the operating system knows it (Linux), or 0.</summary>
    public static int CurrentNativeId()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            return GetTid();
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>Moves <paramref name="thread"/> (native id <paramref name="nativeId"/>) to the lowest priority; best effort.</summary>
    public static void Lower(Thread thread, int nativeId)
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                if (nativeId != 0)
                {
                    _ = SetPriority(_prioProcess, nativeId, _lowest);
                }
            }
            else
            {
                thread.Priority = ThreadPriority.Lowest;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or ThreadStateException or PlatformNotSupportedException)
        {
            // A priority that cannot be changed leaves the thread as it was; health still counts it.
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);
}
