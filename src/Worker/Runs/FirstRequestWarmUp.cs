using System.Diagnostics;
using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Worker.Runs;

/// <summary>
/// Pays the first request's one-time costs while the worker starts, before it takes requests: otherwise every request
/// of a first burst waits behind them (a fresh worker's first 64 took 4–9 s on a busy machine, a warm one's about 1 s).
/// Two are large. Jint reads the system's time-zone list through ICU when the first engine is made (0.5 s and more),
/// so one small function is run through the sandbox; and MassTransit builds the message-type names of each message
/// type on its first send, slowly and once for all the answers waiting at that moment, so the answer types' are built
/// here. A warm-up that fails is logged and the worker starts anyway.
/// </summary>
internal sealed partial class FirstRequestWarmUp(JsSandbox sandbox, ILogger<FirstRequestWarmUp> logger) : IHostedService
{
    private const string _file = "warm-up.js";

    // Dates and numbers formatted through ICU, a string built, a promise awaited: the paths most functions take.
    private static readonly RunOptions _run = new()
    {
        Sources = new Dictionary<string, string>
        {
            [_file] = """
                module.exports.ready = async (n) => {
                  const when = new Date(0).toLocaleString('en-US', { timeZone: 'UTC' });
                  return await Promise.resolve(`${when} ${(n * 1.5).toLocaleString()}`);
                };
                """,
        },
        File = _file,
        FuncName = "ready",
        Args = new JsonArray(1000),
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            _ = MessageTypeCache<RunCompleted>.MessageTypeNames;
            _ = MessageTypeCache<RunFaulted>.MessageTypeNames;
            var outcome = await sandbox.RunAsync(_run, cancellationToken);
            if (outcome.Error is { } error)
            {
                LogWarmUpFaulted(logger, error.Kind.ToString(), error.Message);
                return;
            }

            LogWarmedUp(logger, clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWarmUpFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Warmed up in {ElapsedMs} ms (sandbox engine, answer types), before the first request")]
    private static partial void LogWarmedUp(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warm-up run faulted ({Kind}: {Message}); the worker starts anyway, and its first requests pay the engine's start-up")]
    private static partial void LogWarmUpFaulted(ILogger logger, string kind, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The warm-up failed; the worker starts anyway, and its first requests pay the start-up costs")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
