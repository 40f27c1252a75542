namespace IsolatedRuntime.Cli.Backends;

/// <summary>
/// Where the CLI sends a run: the embedded sandbox in this process today, a fleet of workers behind a broker next.
/// Commands know only this seam, so a new backend changes no command and no output.
/// </summary>
internal interface IRunBackend : IAsyncDisposable
{
    /// <summary>
    /// Starts the backend (its host and broker connection) ahead of the first run, so that a caller can time its
    /// start-up apart from its runs. Optional: the first run starts it otherwise.
    /// </summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Runs the request and returns its outcome; a fault of the run is an outcome, not an exception.</summary>
    /// <exception cref="RunLostException">No answer came for the run (the backend failed or was shut down).</exception>
    Task<CliRunResult> RunAsync(CliRunRequest request, CancellationToken cancellationToken);
}
