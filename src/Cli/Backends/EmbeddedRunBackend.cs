using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>
/// Runs in this process, nothing to install: the worker's own composition (consumer, result store) on MassTransit's
/// in-memory transport, reached through the same client a fleet uses. The code base is the file system root, so a
/// folder typed on the command line is sent as its path relative to it.
/// </summary>
internal static class EmbeddedRunBackend
{
    public static IRunBackend Create(RunBackendSettings settings) => new ClientRunBackend(
        services => services.AddIsolatedRuntimeEmbedded(
            worker =>
            {
                worker.CodeBase = FileSystemRoot;
                worker.ConcurrentMessageLimit = Math.Max(settings.MaxInFlight, settings.Threads ?? Environment.ProcessorCount);
            },
            sandbox => Configure(sandbox, settings)),
        path => Path.GetRelativePath(FileSystemRoot, Path.GetFullPath(path)),
        isFleet: false);

    private static string FileSystemRoot => Path.GetPathRoot(Environment.CurrentDirectory) ?? "/";

    private static void Configure(SandboxOptions options, RunBackendSettings settings)
    {
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
    }

    private static string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path);
}
