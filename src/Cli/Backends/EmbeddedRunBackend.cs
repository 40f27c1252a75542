using IsolatedRuntime.Sandbox;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>Runs in this process on one <see cref="JsSandbox"/>: nothing to install, nothing to connect to.</summary>
internal sealed class EmbeddedRunBackend : IRunBackend
{
    private readonly JsSandbox _sandbox;

    public EmbeddedRunBackend(RunBackendSettings settings) => _sandbox = new JsSandbox(CreateOptions(settings));

    public async Task<CliRunResult> RunAsync(CliRunRequest request, CancellationToken cancellationToken)
    {
        RunOutcome outcome;
        try
        {
            outcome = await _sandbox.RunAsync(ToRunOptions(request), cancellationToken);
        }
        catch (ObjectDisposedException ex)
        {
            throw new RunLostException("The embedded sandbox was shut down before the run was answered.", ex);
        }

        return new CliRunResult
        {
            Result = outcome.Result,
            Error = outcome.Error is { } error ? new CliRunError(error.Kind, error.Name, error.Message, error.Stack) : null,
            Logs = outcome.Logs,
            DurationMs = outcome.Duration.TotalMilliseconds,
        };
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private static SandboxOptions CreateOptions(RunBackendSettings settings)
    {
        var options = new SandboxOptions();
        if (settings.Threads is { } threads)
        {
            // Every thread up front: a benchmark should not measure thread start-up.
            options.Pool.MaxThreads = threads;
            options.Pool.MinThreads = threads;
        }

        options.Pool.MaxQueue = Math.Max(options.Pool.MaxQueue, settings.MaxInFlight);
        if (settings.SourceExtensions is { Count: > 0 } extensions)
        {
            options.SourceExtensions = [.. extensions];
        }

        options.ResolverModulePath = FullPathOrNull(settings.ResolverModulePath);
        options.CompilerModulePath = FullPathOrNull(settings.CompilerModulePath);

        // On the command line the caller is the operator: a budget asked for is a budget granted.
        if (settings.TimeoutMs is { } timeoutMs && TimeSpan.FromMilliseconds(timeoutMs) > options.MaxTimeout)
        {
            options.MaxTimeout = TimeSpan.FromMilliseconds(timeoutMs);
        }

        if (settings.MemoryLimitBytes is { } memory && memory > options.MaxMemoryLimitBytes)
        {
            options.MaxMemoryLimitBytes = memory;
        }

        return options;
    }

    private static RunOptions ToRunOptions(CliRunRequest request) => new()
    {
        Root = Path.GetFullPath(request.Root),
        File = request.File,
        FuncName = request.FuncName,
        Args = request.Args,
        Context = request.Context,
        External = request.External,
        WhitelistedPaths = [.. request.WhitelistedPaths.Select(Path.GetFullPath)],
        ResolverOptions = request.ResolverOptions,
        Timeout = request.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        MemoryLimitBytes = request.MemoryLimitBytes,
    };

    private static string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path);
}
