namespace IsolatedRuntime.Cli.Bench;

/// <summary>
/// Tells a person on stderr how far a bench has got, twice a second, while stdout stays clean for the summary.
/// On a terminal it redraws one line; otherwise it writes a line per report.
/// </summary>
internal sealed class BenchProgress : IAsyncDisposable
{
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(500);

    private readonly BenchRecorder _recorder;
    private readonly CliConsole _console;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reporting;

    public BenchProgress(BenchRecorder recorder, CliConsole console)
    {
        _recorder = recorder;
        _console = console;
        _reporting = ReportAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reporting;
        _stop.Dispose();
        Report(final: true);
    }

    private async Task ReportAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Report(final: false);
            }
        }
        catch (OperationCanceledException)
        {
            // The bench ended; the final report follows.
        }
    }

    private void Report(bool final)
    {
        var answered = _recorder.Completed + _recorder.Faulted;
        var seconds = _recorder.Elapsed.TotalSeconds;
        var line = $"bench: {answered}/{_recorder.Count} answered ({_recorder.Completed} completed, {_recorder.Faulted} faulted), " +
            $"{(seconds > 0 ? answered / seconds : 0):F0} runs/s";
        if (_console.ErrorIsTerminal)
        {
            _console.Error.Write($"\r{line}{(final ? Environment.NewLine : "")}");
        }
        else
        {
            _console.Error.WriteLine(line);
        }
    }
}
