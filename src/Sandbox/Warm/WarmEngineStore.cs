using System.Diagnostics;
using IsolatedRuntime.Sandbox.RunState;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// The idle warm engines of one <see cref="JsSandbox"/>, most recently used last. A warm run borrows the newest
/// idle engine of its key (or a new one) for its whole life, across threads and event-loop turns, and hands it back
/// only if it completed; a faulted run's engine is dropped, so the next run of that key starts cold. Bounded by
/// <see cref="WarmOptions.MaxEngines"/> (least recently used dropped first) and <see cref="WarmOptions.IdleTimeout"/>.
/// Thread-safe.
/// </summary>
internal sealed class WarmEngineStore : IDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<WarmEngine> _idle = new();
    private readonly SandboxOptions _options;
    private readonly HashSet<string> _roots;
    private readonly ILogger _logger;
    private readonly bool _enabled;
    private readonly int _maxEngines;
    private readonly TimeSpan _idleTimeout;
    private Timer? _sweeper;
    private bool _disposed;

    /// <exception cref="ArgumentException">A warm setting cannot work; the message names it.</exception>
    public WarmEngineStore(SandboxOptions options, ILogger logger)
    {
        var warm = options.Warm ?? throw new ArgumentException("SandboxOptions.Warm must not be null; for example new WarmOptions { MaxEngines = 16 }.", nameof(options));
        Require(warm.MaxEngines >= 0, "MaxEngines", "must not be negative", "16");
        Require(
            warm.IdleTimeout > TimeSpan.Zero || warm.IdleTimeout == Timeout.InfiniteTimeSpan,
            "IdleTimeout",
            "must be positive (or Timeout.InfiniteTimeSpan)",
            "TimeSpan.FromMinutes(5)");
        Require(warm.Roots is not null && warm.Roots.All(r => !string.IsNullOrWhiteSpace(r)), "Roots", "must list folder paths", "[\"/srv/functions/orders\"]");
        _options = options;
        _logger = logger;
        _enabled = warm.Enabled;
        _maxEngines = warm.MaxEngines;
        _idleTimeout = warm.IdleTimeout;
        _roots = new HashSet<string>(warm.Roots!.Select(Normalize), StringComparer.Ordinal);
    }

    /// <summary>Idle engines held right now.</summary>
    public int IdleCount
    {
        get
        {
            lock (_gate)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// The engine <paramref name="context"/>'s run should use, lent to it, or null when the run is cold (it did not
    /// opt in, its root is not listed, or warm reuse is off).
    /// </summary>
    public WarmEngine? Lend(RunContext context, ConsoleLog log)
    {
        if (!IsWarm(context.Run))
        {
            return null;
        }

        var key = WarmKey.For(context.Run, context.Limits);
        var engine = Take(key) ?? new WarmEngine(key, _options);
        engine.BeginRun(context, log);
        return engine;
    }

    /// <summary>
    /// Whether <paramref name="run"/> reuses warm engines: it opted in, or its root is listed, and warm reuse is on.
    /// </summary>
    public bool IsWarm(RunOptions run) =>
        // Cold runs are the common case: with no roots listed they cost two field reads here.
        _enabled && (run.Warm ?? (_roots.Count > 0 && run.Root is { } root && _roots.Contains(Normalize(root))));

    /// <summary>Takes back the engine of a run that completed; keeps it if it can be restored and there is room.</summary>
    public void Return(WarmEngine engine)
    {
        string? dropped;
        try
        {
            dropped = engine.EndRun();
        }
        catch (Exception e)
        {
            // Whatever a run left behind, it must not reach the caller (the outcome is already out) or the next run.
            WarmLog.RestoreFailed(_logger, engine.Key.File, e);
            return;
        }

        if (dropped is not null)
        {
            WarmLog.Dropped(_logger, engine.Key.File, dropped);
            return;
        }

        Keep(engine);
    }

    /// <summary>
    /// Keeps an engine that is already put back (a warm batch's, restored after its last item) if there is room.
    /// </summary>
    public void Keep(WarmEngine engine)
    {
        engine.IdleSince = Stopwatch.GetTimestamp();

        lock (_gate)
        {
            if (_disposed || _maxEngines == 0)
            {
                return;
            }

            _idle.AddLast(engine);
            while (_idle.Count > _maxEngines)
            {
                _idle.RemoveFirst();
            }

            if (_sweeper is null && _idleTimeout != Timeout.InfiniteTimeSpan)
            {
                var period = TimeSpan.FromTicks(Math.Max(_idleTimeout.Ticks / 4, TimeSpan.TicksPerSecond / 10));
                _sweeper = new Timer(static s => ((WarmEngineStore)s!).Sweep(), this, period, period);
            }
        }
    }

    /// <summary>Drops every idle engine and stops the idle sweep.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _idle.Clear();
            _sweeper?.Dispose();
            _sweeper = null;
        }
    }

    /// <summary>
    /// The newest idle engine of <paramref name="key"/>, taken out of the store, or null. A warm batch starts on it
    /// (and calls <see cref="WarmEngine.BeginRun"/> itself, once per item).
    /// </summary>
    public WarmEngine? Take(WarmKey key)
    {
        lock (_gate)
        {
            for (var node = _idle.Last; node is not null; node = node.Previous)
            {
                if (node.Value.Key.Equals(key))
                {
                    _idle.Remove(node);
                    return node.Value;
                }
            }
        }

        return null;
    }

    private void Sweep()
    {
        var oldest = Stopwatch.GetTimestamp() - (long)(_idleTimeout.TotalSeconds * Stopwatch.Frequency);
        lock (_gate)
        {
            while (_idle.First is { } first && first.Value.IdleSince <= oldest)
            {
                _idle.RemoveFirst();
            }

            // An empty store keeps no timer alive; the next returned engine starts one again.
            if (_idle.Count == 0)
            {
                _sweeper?.Dispose();
                _sweeper = null;
            }
        }
    }

    private static string Normalize(string root) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    private static void Require(bool condition, string setting, string rule, string example)
    {
        if (!condition)
        {
            throw new ArgumentException($"SandboxOptions.Warm.{setting} {rule}; for example {example}.", nameof(setting));
        }
    }
}
