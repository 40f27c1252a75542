namespace IsolatedRuntime.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, everything meant for a person to <see cref="Error"/>.</summary>
/// <param name="Out">Standard output: results and summaries only, so it can be piped.</param>
/// <param name="Error">Standard error: console logs of runs, faults, progress and usage errors.</param>
/// <param name="ErrorIsTerminal">True when <see cref="Error"/> is a terminal, so progress may redraw one line.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal = false);
