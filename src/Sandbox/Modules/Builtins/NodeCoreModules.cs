namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// The names Node reserves for its own modules (Node 20's <c>require('module').builtinModules</c>). Like Node, the
/// sandbox never looks these up in <c>node_modules</c>: each is a built-in the sandbox offers, or it is not found.
/// </summary>
internal static class NodeCoreModules
{
    /// <summary>
    /// Modules that reach the host (files, processes, network, the engine, the process itself). Never offered,
    /// whatever <see cref="SandboxOptions.AllowedBuiltinModules"/> says.
    /// </summary>
    public static readonly IReadOnlySet<string> HostTouching = new HashSet<string>(StringComparer.Ordinal)
    {
        "_http_agent", "_http_client", "_http_common", "_http_incoming", "_http_outgoing", "_http_server",
        "_stream_wrap", "_tls_common", "_tls_wrap", "async_hooks", "child_process", "cluster", "constants", "dgram",
        "diagnostics_channel", "dns", "dns/promises", "domain", "fs", "fs/promises", "http", "http2", "https",
        "inspector", "inspector/promises", "module", "net", "os", "perf_hooks", "readline",
        "readline/promises", "repl", "sea", "sqlite", "test", "tls", "trace_events", "tty", "v8", "vm", "wasi",
        "worker_threads",
    };

    /// <summary>Pure modules: offered once implemented and allowed.</summary>
    public static readonly IReadOnlySet<string> Pure = new HashSet<string>(StringComparer.Ordinal)
    {
        "_stream_duplex", "_stream_passthrough", "_stream_readable", "_stream_transform", "_stream_writable",
        "assert", "assert/strict", "buffer", "console", "crypto", "events", "path", "path/posix", "path/win32", "process",
        "punycode", "querystring", "stream", "stream/consumers", "stream/promises", "stream/web", "string_decoder",
        "sys", "timers", "timers/promises", "url", "util", "util/types", "zlib",
    };

    public static bool Contains(string name) => HostTouching.Contains(name) || Pure.Contains(name);
}
