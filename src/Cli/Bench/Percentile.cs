namespace IsolatedRuntime.Cli.Bench;

/// <summary>Nearest-rank percentiles: every reported figure is a latency that was really observed.</summary>
internal static class Percentile
{
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
