using System.Collections.Concurrent;
using System.Diagnostics;
using IsolatedRuntime.Client;
using IsolatedRuntime.Protocol;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// A producer that keeps a fixed number of requests in flight, each <c>delayed(5, i)</c> under a correlation id of its
/// own, and that does what the client's timeout asks: a call that times out is sent again under the same id, which is
/// answered with the one stored outcome.
/// </summary>
public sealed class SteadyLoad
{
    private readonly DrillFleet _fleet;
    private readonly int _inFlight;
    private readonly int _attempts;
    private readonly string? _tenant;
    private readonly ConcurrentQueue<string> _retries = new();
    private int _answered;

    private SteadyLoad(DrillFleet fleet, int requests, int inFlight, int attempts, string? tenant)
    {
        _fleet = fleet;
        _tenant = tenant;
        _inFlight = inFlight;
        _attempts = attempts;
        Ids = [.. Enumerable.Range(0, requests).Select(_ => Guid.NewGuid())];
    }

    /// <summary>The correlation id of request <c>i</c>, whose result is <c>i</c>.</summary>
    public Guid[] Ids { get; }

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Calls that timed out and were sent again under the same id, with what they threw.</summary>
    public IReadOnlyCollection<string> Retries => _retries;

    public Stopwatch Clock { get; } = new();

    /// <summary>Starts sending <paramref name="requests"/>, for <paramref name="tenant"/> if given; <see cref="Completion"/>
    /// holds the answers in request order.</summary>
    public static SteadyLoad Start(DrillFleet fleet, int requests, int inFlight, int attempts = 4, string? tenant = null)
    {
        var load = new SteadyLoad(fleet, requests, inFlight, attempts, tenant);
        load.Completion = load.RunAsync();
        return load;
    }

    public Task<RunReply[]> Completion { get; private set; } = Task.FromResult(Array.Empty<RunReply>());

    /// <summary>Returns once <paramref name="count"/> requests are answered (or the load failed).</summary>
    public async Task AnsweredAsync(int count)
    {
        while (Answered < count && !Completion.IsCompleted)
        {
            await Task.Delay(10);
        }
    }

    private async Task<RunReply[]> RunAsync()
    {
        Clock.Start();
        using var gate = new SemaphoreSlim(_inFlight);
        var replies = await Task.WhenAll(Ids.Select((id, i) => SendAsync(gate, id, i)));
        Clock.Stop();
        return replies;
    }

    private async Task<RunReply> SendAsync(SemaphoreSlim gate, Guid id, int i)
    {
        await gate.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await _fleet.Client.RunAsync(new RunRequest
                    {
                        CorrelationId = id,
                        Root = "math",
                        File = "index.js",
                        FuncName = "delayed",
                        Args = [5, i],
                        Tenant = _tenant,
                    });
                }
                catch (TimeoutException ex) when (attempt < _attempts)
                {
                    _retries.Enqueue($"{id} at {Clock.Elapsed.TotalSeconds:0.0} s: {ex.Message}");
                }
            }
        }
        finally
        {
            Interlocked.Increment(ref _answered);
            gate.Release();
        }
    }
}
