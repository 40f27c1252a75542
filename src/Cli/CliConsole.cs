namespace IsolatedRuntime.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, everything meant for a person to <see cref="Error"/>.</summary>
/// <param name="Out">Standard output: results and summaries only, so it can be piped.</param>
/// <param name="Error">Standard error: console logs of runs, faults, progress and usage errors.</param>
/// <param name="IsInteractive">True when a person watches both streams on a terminal (neither is redirected), so a
/// live progress display may redraw itself on <see cref="Error"/>.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsInteractive = false);
