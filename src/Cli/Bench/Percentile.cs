namespace IsolatedRuntime.Cli.Bench;

/// <summary>
/// Nearest-rank percentiles: every reported figure is a latency that was really observed. Public for the fleet
/// baseline bench (benchmarks/Fleet.Baseline), so both benches report the same figure for the same latencies.
/// </summary>
public static class Percentile
{
    /// <summary>The observation at <paramref name="percent"/> of <paramref name="sorted"/>; 0 when there is none.</summary>
    /// <param name="sorted">Observations in ascending order.</param>
    /// <param name="percent">Between 0 (exclusive) and 100.</param>
    public static double Of(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
