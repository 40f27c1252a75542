using IsolatedRuntime.Embedded;
using IsolatedRuntime.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>
/// Runs in this process, nothing to install: embedded mode (<see cref="EmbeddedServiceCollectionExtensions"/>), the
/// worker's own composition on MassTransit's in-memory transport, reached through the same client a fleet uses. The
/// code base is the file system root, so a folder typed on the command line is sent as its path relative to it.
/// </summary>
internal static class EmbeddedRunBackend
{
    /// <summary>Registers embedded mode with the sandbox settings the command line gives.</summary>
    public static void Configure(IServiceCollection services, RunBackendSettings settings) => services.AddIsolatedRuntimeEmbedded(
        worker =>
        {
            worker.CodeBase = FileSystemRoot;
            worker.ConcurrentMessageLimit = Math.Max(settings.MaxInFlight, settings.Threads ?? Environment.ProcessorCount);
        },
        sandbox => Configure(sandbox, settings));

    /// <summary>A folder as typed, relative to the embedded code base (the file system root).</summary>
    public static string PathOf(string folder) => Path.GetRelativePath(FileSystemRoot, Path.GetFullPath(folder));

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
        if (settings.Timeout is { } timeout && timeout > options.MaxTimeout)
        {
            options.MaxTimeout = timeout;
        }

        if (settings.MemoryLimitBytes is { } memory && memory > options.MaxMemoryLimitBytes)
        {
            options.MaxMemoryLimitBytes = memory;
        }
    }

    private static string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path);
}
