using IsolatedRuntime.Sandbox.RunState;

namespace IsolatedRuntime.Sandbox.Modules.Hooks;

/// <summary>The operator's module resolver, whichever form it was given in (JavaScript module or .NET type).</summary>
internal interface IModuleResolverHook
{
    /// <summary>Prepares the resolver for one run (the JavaScript form calls its factory with the run's options).</summary>
    IModuleResolverSession Begin(RunContext context);
}
