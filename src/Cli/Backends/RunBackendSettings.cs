namespace IsolatedRuntime.Cli.Backends;

/// <summary>How to build the backend: what the command line says about the sandbox rather than about one run.</summary>
internal sealed record RunBackendSettings
{
    /// <summary>Extensions probed by <c>require</c>, without the dot; null for the sandbox's default.</summary>
    public IReadOnlyList<string>? SourceExtensions { get; init; }

    /// <summary>Path of a JavaScript resolver factory module, as typed.</summary>
    public string? ResolverModulePath { get; init; }

    /// <summary>Path of a JavaScript compiler module, as typed.</summary>
    public string? CompilerModulePath { get; init; }

    /// <summary>Sandbox threads; null for the sandbox's default (one per core).</summary>
    public int? Threads { get; init; }

    /// <summary>Most runs the command will have in flight at once, so admission never refuses its own load.</summary>
    public int MaxInFlight { get; init; } = 1;

    /// <summary>The largest timeout any run will ask for; the embedded sandbox's cap is raised to it.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A fleet's broker (<c>amqp://user:pass@host:port/vhost</c>); null runs embedded.</summary>
    public string? Broker { get; init; }

    /// <summary>The workers' queue; null for the client's default (<c>isolated-runtime</c>).</summary>
    public string? Queue { get; init; }

    /// <summary>The fleet's Redis (<c>host:port[,password=…]</c>), for result lookups; optional.</summary>
    public string? Redis { get; init; }

    /// <summary>The largest memory budget any run will ask for; the embedded sandbox's cap is raised to it.</summary>
    public long? MemoryLimitBytes { get; init; }
}
