using Spectre.Console;

namespace IsolatedRuntime.Cli.Bench;

/// <summary>
/// Runs a bench's phases one after the other. For a person at a terminal it draws a progress bar per phase on stderr
/// (Spectre.Console); when either stream is redirected, or for <c>--json</c>, it draws nothing, so that what is
/// captured holds only the summary.
/// </summary>
internal static class BenchProgress
{
    private static readonly TimeSpan _refresh = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(CliConsole console, bool showProgress, IReadOnlyList<BenchPhase> phases)
    {
        if (!showProgress || !console.IsInteractive)
        {
            foreach (var phase in phases)
            {
                await phase.RunAsync();
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
}
