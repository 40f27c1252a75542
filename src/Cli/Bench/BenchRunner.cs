using System.Diagnostics;
using IsolatedRuntime.Cli.Backends;
using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Cli.Bench;

/// <summary>Sends a number of runs through a backend, keeping a fixed number in flight, and records each answer.</summary>
/// <param name="backend">Where the runs go.</param>
/// <param name="request">Every run's request. Its JSON values are <see cref="System.Text.Json.JsonElement"/>s, which
/// many runs can read at once.</param>
/// <param name="concurrency">Runs in flight at once.</param>
internal sealed class BenchRunner(RunBackend backend, RunRequest request, int concurrency)
{
    /// <summary>
    /// Sends <see cref="BenchRecorder.Count"/> runs, <c>concurrency</c> of them at once; returns when each is answered,
    /// lost, or the bench is canceled.
    /// </summary>
    public async Task RunAsync(BenchRecorder recorder, CancellationToken cancellationToken)
    {
        recorder.Start();
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, recorder.Count), parallel, (index, token) => SendAsync(recorder, index, token));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted: the runs not answered count as lost.
        }

        recorder.Stop();
    }

    private async ValueTask SendAsync(BenchRecorder recorder, int index, CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            var reply = await backend.RunAsync(request, cancellationToken);
            if (reply.Faulted?.Kind == RunErrorKind.Canceled && cancellationToken.IsCancellationRequested)
            {
                // Interrupted by the person running the bench, not a fault of the run: it counts as lost.
                return;
            }

            recorder.Answered(index, reply, Stopwatch.GetElapsedTime(sentAt));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            recorder.Lost(ex.Message);
        }
    }
}
