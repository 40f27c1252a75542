using IsolatedRuntime.Sandbox.Modules.Builtins;
using IsolatedRuntime.Sandbox.Modules.Compilation;
using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Resolution;
using Microsoft.Extensions.Logging;

namespace IsolatedRuntime.Sandbox.Modules.Runtime;

/// <summary>The parts of the module system shared by every run of a sandbox (all thread-safe).</summary>
internal sealed class ModuleServices
{
    public required HostFileSystem Host { get; init; }

    public required ModuleCodeCache Code { get; init; }

    public required ModuleFileFinder Finder { get; init; }

    public required BuiltinModuleCatalog Builtins { get; init; }

    public required int MaxSourceBytes { get; init; }

    public required ILogger Logger { get; init; }
}
