namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>
/// Node's host-touching built-ins, bare and with the <c>node:</c> prefix: none may load under the default
/// <see cref="SandboxOptions.HostModules"/>. (<c>process</c> is not among them: it is the sandbox's own safe global.)
/// </summary>
internal static class NodeHostModules
{
    public static readonly string[] Names =
    [
        "fs",
        "node:fs",
        "fs/promises",
        "child_process",
        "node:child_process",
        "net",
        "http",
        "https",
        "os",
        "vm",
        "worker_threads",
        "cluster",
        "dgram",
        "dns",
        "tls",
        "inspector",
        "module",
        "v8",
        "node:v8",
    ];
}
