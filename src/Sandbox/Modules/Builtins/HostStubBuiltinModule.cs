using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// One of Node's host modules (<c>vm</c>, <c>os</c>, <c>child_process</c>…) as offered under
/// <see cref="HostModulePolicy.Denied"/>: Node's names, every host-reaching function throwing
/// <c>ERR_SANDBOX_UNAVAILABLE</c> (<c>Builtins/host_stubs.js</c>).
/// </summary>
internal sealed class HostStubBuiltinModule(string name) : IBuiltinModule
{
    /// <summary>The host modules that load under <see cref="HostModulePolicy.Denied"/> (besides <c>fs</c>).</summary>
    public static readonly string[] Names =
    [
        "vm", "os", "child_process", "http", "https", "http2", "net", "tls", "dns", "dns/promises", "dgram", "cluster",
        "worker_threads", "tty", "readline", "readline/promises", "perf_hooks", "async_hooks", "v8", "inspector",
        "inspector/promises",
    ];

    private static readonly ScriptBuiltinModule _stubs = new("host_stubs");

    public string Name { get; } = name;

    public IReadOnlyList<string> Aliases { get; } = [name];

    public JsValue Load(IBuiltinModuleHost host) =>
        ((ObjectInstance)_stubs.Load(host)).Call(JsValue.Undefined, [Name]);
}
