namespace IsolatedRuntime.Cli.Bench;

/// <summary>
/// A whole bench: how long the backend took to start (host, bus, broker connection), the first burst (the fresh
/// process's first runs, all sent at once right after that), how many warm-up runs were sent and not counted, and the
/// measured runs the figures are of.
/// </summary>
internal sealed record BenchReport(TimeSpan StartUp, BenchSummary FirstBurst, int WarmupRuns, BenchSummary Measured);
