using Spectre.Console;

namespace IsolatedRuntime.Cli.Bench;

/// <summary>
/// Runs a bench's phases one after the other. For a person at a terminal it draws a progress bar per phase on stderr
/// (Spectre.Console). When either stream is redirected, or for <c>--json</c>, it writes a plain line on stderr every
/// half second instead (<c>bench: measured: 400/2000 answered (…)</c>), which logs keep and scripts can follow; stdout
/// holds only the summary either way.
/// </summary>
internal static class BenchProgress
{
    private static readonly TimeSpan _refresh = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan _lineInterval = TimeSpan.FromMilliseconds(500);

    public static async Task RunAsync(CliConsole console, bool showProgress, IReadOnlyList<BenchPhase> phases)
    {
        if (!showProgress || !console.IsInteractive)
        {
            foreach (var phase in phases)
            {
                await WithLinesAsync(console, phase);
            }

            return;
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Interactive = InteractionSupport.Yes,
        });
        await terminal.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bars = phases.Select(phase => context.AddTask(phase.Label, autoStart: false, maxValue: phase.Recorder.Count)).ToArray();
                for (var i = 0; i < phases.Count; i++)
                {
                    bars[i].StartTask();
                    var running = phases[i].RunAsync();
                    while (await Task.WhenAny(running, Task.Delay(_refresh)) != running)
                    {
                        bars[i].Value = phases[i].Recorder.AnsweredCount;
                    }

                    bars[i].Value = phases[i].Recorder.AnsweredCount;
                    bars[i].StopTask();
                    await running;
                }
            });
    }

    private static async Task WithLinesAsync(CliConsole console, BenchPhase phase)
    {
        var running = phase.RunAsync();
        while (await Task.WhenAny(running, Task.Delay(_lineInterval)) != running)
        {
            WriteLine(console, phase);
        }

        WriteLine(console, phase);
        await running;
    }

    private static void WriteLine(CliConsole console, BenchPhase phase)
    {
        var recorder = phase.Recorder;
        var seconds = recorder.Elapsed.TotalSeconds;
        console.Error.WriteLine(
            $"bench: {phase.Label}: {recorder.AnsweredCount}/{recorder.Count} answered ({recorder.Completed} completed, " +
            $"{recorder.Faulted} faulted), {(seconds > 0 ? recorder.AnsweredCount / seconds : 0):F0} runs/s");
    }
}
