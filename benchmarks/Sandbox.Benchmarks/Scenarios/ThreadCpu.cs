namespace IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

/// <summary>
/// CPU time used so far by this process's threads, grouped as sandbox threads, .NET thread-pool workers and the
/// rest, read from <c>/proc/self/task</c> (Linux; empty elsewhere). Coarse (10 ms ticks), so read it over many runs.
/// </summary>
internal static class ThreadCpu
{
    private const double _microsecondsPerTick = 10_000;

    public static Dictionary<string, double> Read()
    {
        var groups = new Dictionary<string, double>();
        if (!Directory.Exists("/proc/self/task"))
        {
            return groups;
        }

        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var stat = File.ReadAllText(Path.Combine(task, "stat"));

                // Fields after the parenthesized name: state is the 1st, utime the 12th, stime the 13th.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                    + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                var group = name.StartsWith("sandbox-", StringComparison.Ordinal) ? "sandbox threads"
                    : name.StartsWith(".NET TP", StringComparison.Ordinal) ? "thread pool"
                    : "other";
                groups[group] = groups.GetValueOrDefault(group) + (ticks * _microsecondsPerTick);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The thread exited while being read.
            }
        }

        return groups;
    }

    /// <summary>
    /// Microseconds of CPU per run for each group, between two readings. Threads that exited in between are not
    /// counted (their time is gone from <c>/proc</c>), so a group can come out low; negative figures are left out.
    /// </summary>
    public static string PerRun(Dictionary<string, double> before, Dictionary<string, double> after, int runs) =>
        string.Join(", ", after
            .Select(group => (group.Key, PerRun: (group.Value - before.GetValueOrDefault(group.Key)) / runs))
            .Where(group => group.PerRun > 0)
            .OrderByDescending(group => group.PerRun)
            .Select(group => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{group.Key} {group.PerRun:F1} us")));
}
