using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.Tests.Execution;

/// <summary>
/// Turns, timer wake-ups, deadlines and caller cancellations racing each other: every run ends exactly once, with a
/// kind that fits what raced, and nothing is left behind.
/// </summary>
public sealed class RunRaceTests
{
    internal const string Source = """
        module.exports.f = (delay, spin) => new Promise((resolve) => {
          setTimeout(() => {
            const until = Date.now() + spin;
            while (Date.now() < until) {}
            resolve(delay);
          }, delay);
        });
        """;

    [Fact]
    public async Task Racing_deadlines_cancellations_and_timers_end_every_run_once()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = { MinThreads = 2, MaxThreads = 2, MaxQueue = 1000 } });
        var random = new Random(1234);
        var runs = new List<(Task<RunOutcome> Outcome, CancellationTokenSource Cancel)>();
        for (var i = 0; i < 300; i++)
        {
            var cancel = new CancellationTokenSource();
            var delay = random.Next(0, 40);
            var spin = random.Next(0, 5);
            var run = Runs.Inline(Source, argsJson: $"[{delay}, {spin}]", timeout: TimeSpan.FromMilliseconds(random.Next(5, 60)));
            runs.Add((sandbox.RunAsync(run, cancel.Token), cancel));
            if (random.Next(3) == 0)
            {
                cancel.CancelAfter(random.Next(0, 50));
            }
        }

        var all = Task.WhenAll(runs.Select(r => r.Outcome));
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60))));

        foreach (var (outcome, cancel) in runs)
        {
            var result = await outcome;
            if (!result.IsCompleted)
            {
                Assert.Contains(result.Error!.Kind, (RunErrorKind[])[RunErrorKind.Timeout, RunErrorKind.Canceled]);
                Assert.True(result.Error.Kind != RunErrorKind.Canceled || cancel.IsCancellationRequested);
            }

            cancel.Dispose();
        }

        Assert.Equal(0, sandbox.GetStatistics().ActiveRuns);
        var next = await sandbox.RunAsync(Runs.Inline(Source, argsJson: "[1, 0]"));
        Assert.Equal(1, next.Result!.GetValue<int>());
    }
}
