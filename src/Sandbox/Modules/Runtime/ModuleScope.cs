using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Resolution;

namespace IsolatedRuntime.Sandbox.Modules.Runtime;

/// <summary>What the modules of one engine may load, and through which operator hooks.</summary>
/// <param name="Files">The jail.</param>
/// <param name="External">Which packages may be required by bare name.</param>
/// <param name="Resolver">The operator's resolver, or null.</param>
/// <param name="Compiler">The operator's compiler, or null to parse sources as they are.</param>
internal sealed record ModuleScope(
    ModuleFileSystem Files,
    ExternalPolicy External,
    IModuleResolverHook? Resolver,
    ISourceCompilerHook? Compiler);
