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
    // Owner: Execution room.
    private readonly SandboxOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a sandbox and starts its pool's minimum threads.</summary>
    /// <param name="options">Pool, limits and module settings; defaults when null.</param>
    /// <param name="moduleResolver">Optional .NET resolver for bare module names listed in a run's <c>external</c>.</param>
    /// <param name="sourceCompiler">Optional .NET transform applied to every source before parsing.</param>
    /// <param name="loggerFactory">Where the sandbox logs; silent when null.</param>
    public JsSandbox(
        SandboxOptions? options = null,
        IModuleResolver? moduleResolver = null,
        ISourceCompiler? sourceCompiler = null,
        ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new SandboxOptions();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<JsSandbox>();
        _ = moduleResolver;
        _ = sourceCompiler;
    }

    /// <summary>
    /// Runs <see cref="RunOptions.FuncName"/> of <see cref="RunOptions.File"/> and returns its outcome. Never throws for
    /// anything the request or its code does: every such failure is a faulted <see cref="RunOutcome"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The sandbox has been disposed.</exception>
    public Task<RunOutcome> RunAsync(RunOptions run, CancellationToken cancellationToken = default)
    {
        _ = _options;
        _ = _logger;
        throw new NotImplementedException();
    }

    /// <summary>Counts of threads, queued and active runs.</summary>
    public SandboxStatistics GetStatistics() => new(0, 0, 0, 0, 0);

    /// <summary>Stops accepting runs, lets the runs in flight finish (each within its budget), then stops the pool.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
