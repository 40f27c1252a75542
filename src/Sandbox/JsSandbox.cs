using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Execution;
using IsolatedRuntime.Sandbox.Modules;
using IsolatedRuntime.Sandbox.Pool;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IsolatedRuntime.Sandbox;

/// <summary>
/// Runs exported functions of untrusted CommonJS modules in hardened Jint engines on a bounded thread pool: the
/// .NET successor of the Node.js library <c>isolated-runtime</c>'s <c>IsolatedRuntime</c> class. Each run gets a
/// fresh engine, so nothing leaks between runs; parsed modules are shared. Thread-safe; dispose to drain.
/// </summary>
/// <remarks>
/// Named <c>JsSandbox</c> rather than the seed's <c>IsolatedRuntime</c> because <c>IsolatedRuntime</c> is the root
/// namespace: a type of that name would be shadowed by the namespace in every caller's code.
/// </remarks>
public sealed class JsSandbox : IAsyncDisposable
{
    private readonly RunHost _host;
    private readonly Lock _disposeGate = new();
    private Task? _disposal;

    /// <summary>Creates a sandbox and starts its pool's minimum threads.</summary>
    /// <param name="options">Pool, limits and module settings; defaults when null.</param>
    /// <param name="moduleResolver">Optional .NET resolver for bare module names listed in a run's <c>external</c>.</param>
    /// <param name="sourceCompiler">Optional .NET transform applied to every source before parsing.</param>
    /// <param name="loggerFactory">Where the sandbox logs; silent when null.</param>
    /// <exception cref="ArgumentException">A setting cannot work; the message names it and an example value.</exception>
    public JsSandbox(
        SandboxOptions? options = null,
        IModuleResolver? moduleResolver = null,
        ISourceCompiler? sourceCompiler = null,
        ILoggerFactory? loggerFactory = null)
    {
        var settings = options ?? new SandboxOptions();
        SandboxOptionsValidator.Validate(settings);
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        var loader = new ModuleLoader(settings, moduleResolver, sourceCompiler, loggers.CreateLogger<ModuleLoader>());
        var pool = new SandboxThreadPool(settings.Pool, loggers.CreateLogger<SandboxThreadPool>());
        _host = new RunHost(settings, loader, pool, loggers.CreateLogger<JsSandbox>());
    }

    /// <summary>
    /// Runs <see cref="RunOptions.FuncName"/> of <see cref="RunOptions.File"/> and returns its outcome. Never throws for
    /// anything the request or its code does: every such failure is a faulted <see cref="RunOutcome"/>. With
    /// <see cref="RunOptions.ArgsBatch"/> the function is called once per item on one load of the code, and the
    /// outcome's <see cref="RunOutcome.Items"/> holds the items' outcomes (docs/runtime.md, "Batches").
    /// </summary>
    /// <exception cref="ObjectDisposedException">The sandbox has been shut down.</exception>
    public Task<RunOutcome> RunAsync(RunOptions run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!_host.ActiveRuns.TryEnter())
        {
            throw new ObjectDisposedException(
                nameof(JsSandbox),
                "This sandbox was shut down (DisposeAsync was called) and accepts no more runs. Create a new JsSandbox to run more code.");
        }

        if (FindProblem(run) is { } problem)
        {
            _host.ActiveRuns.Exit();
            return Task.FromResult(RunOutcome.Faulted(RunErrorKind.InvalidRequest, "InvalidRequestError", problem));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            _host.ActiveRuns.Exit();
            return Task.FromResult(RunOutcome.Faulted(RunErrorKind.Canceled, "CanceledError", "The run was canceled by the caller before it started."));
        }

        var limits = RunRequestValidator.LimitsFor(_host.Options, run);
        if (run.ArgsBatch is JsonArray items)
        {
            if (items.Count == 0)
            {
                // Nothing to call: the code is not even loaded.
                _host.ActiveRuns.Exit();
                return Task.FromResult(RunOutcome.Batch([], TimeSpan.Zero, TimeSpan.Zero));
            }

            var batch = new RunBatch(_host, run, limits, cancellationToken);
            batch.Start();
            return batch.Outcome;
        }

        var session = new RunSession(_host, run, limits, cancellationToken);
        _host.Pool.Admit(session);
        return session.Outcome;
    }

    /// <summary>Counts of threads, queued and active runs.</summary>
    public SandboxStatistics GetStatistics()
    {
        var pool = _host.Pool.GetSnapshot();
        return new SandboxStatistics(pool.BusyThreads, pool.IdleThreads, pool.QueuedWork, _host.ActiveRuns.Count, pool.RetiredThreads)
        {
            IdleWarmEngines = _host.Warm.IdleCount,
            StuckThreads = pool.StuckThreads,
        };
    }

    /// <summary>Stops accepting runs, lets the runs in flight finish (each within its budget), then stops the pool.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_disposeGate)
        {
            _disposal ??= DrainAsync();
            return new ValueTask(_disposal);
        }
    }

    private async Task DrainAsync()
    {
        await _host.ActiveRuns.CloseAsync().ConfigureAwait(false);
        await _host.Pool.DisposeAsync().ConfigureAwait(false);
        _host.Warm.Dispose();
        _host.Outcomes.Dispose();
    }

    private string? FindProblem(RunOptions run)
    {
        if ((RunRequestValidator.FindProblem(run) ?? RunRequestValidator.FindBatchSizeProblem(_host.Options, run)) is { } problem)
        {
            return problem;
        }

        try
        {
            return _host.Loader.Validate(run);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return "The request's module paths cannot be used: check 'root', 'file' and 'whitelistedPaths'.";
        }
    }
}
