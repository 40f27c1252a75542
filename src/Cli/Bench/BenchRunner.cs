using System.Diagnostics;
using IsolatedRuntime.Cli.Backends;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Cli.Bench;

/// <summary>Sends a number of runs through a backend, keeping a fixed number in flight, and records each answer.</summary>
internal sealed class BenchRunner
{
    private readonly IRunBackend _backend;
    private readonly Func<CliRunRequest> _nextRequest;
    private readonly int _concurrency;

    /// <param name="backend">Where the runs go.</param>
    /// <param name="nextRequest">Makes each run's request; called once per run, so requests share no mutable JSON.</param>
    /// <param name="concurrency">Runs in flight at once.</param>
    public BenchRunner(IRunBackend backend, Func<CliRunRequest> nextRequest, int concurrency)
    {
        _backend = backend;
        _nextRequest = nextRequest;
        _concurrency = concurrency;
    }

    /// <summary>
    /// Sends <see cref="BenchRecorder.Count"/> runs, the first <c>concurrency</c> of them at once from thread-pool
    /// threads; returns when each is answered, lost, or the bench is canceled.
    /// </summary>
    public async Task RunAsync(BenchRecorder recorder, CancellationToken cancellationToken)
    {
        var next = -1;
        recorder.Start();
        var senders = Enumerable.Range(0, Math.Min(_concurrency, recorder.Count))
            .Select(_ => Task.Run(() => SendAsync(recorder, () => Interlocked.Increment(ref next), cancellationToken), CancellationToken.None));
        await Task.WhenAll(senders);
        recorder.Stop();
    }

    private async Task SendAsync(BenchRecorder recorder, Func<int> takeIndex, CancellationToken cancellationToken)
    {
        for (var index = takeIndex(); index < recorder.Count && !cancellationToken.IsCancellationRequested; index = takeIndex())
        {
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                var result = await _backend.RunAsync(_nextRequest(), cancellationToken);
                if (result.Error?.Kind == RunErrorKind.Canceled && cancellationToken.IsCancellationRequested)
                {
                    // Interrupted by the person running the bench, not a fault of the run: it counts as lost.
                    return;
                }

                recorder.Answered(index, result, Stopwatch.GetElapsedTime(sentAt));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                recorder.Lost(ex.Message);
            }
        }
    }
}
