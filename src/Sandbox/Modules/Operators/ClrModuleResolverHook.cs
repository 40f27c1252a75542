using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.RunState;

namespace IsolatedRuntime.Sandbox.Modules.Operators;

/// <summary>Adapts a registered <see cref="IModuleResolver"/>.</summary>
internal sealed class ClrModuleResolverHook(IModuleResolver resolver) : IModuleResolverHook
{
    public IModuleResolverSession Begin(RunContext context)
    {
        var root = context.Run.Root is { } configured ? Path.GetFullPath(configured) : null;
        return new Session(resolver, new ModuleResolutionContext(root, context.Run.ResolverOptions));
    }

    private sealed class Session(IModuleResolver resolver, ModuleResolutionContext context) : IModuleResolverSession
    {
        public string? Resolve(string request, string fromDirectory)
        {
            try
            {
                return resolver.Resolve(request, fromDirectory, context);
            }
            catch (Exception ex) when (!OperatorFailureException.IsRunBudget(ex))
            {
                throw new OperatorFailureException(ex.Message, ex);
            }
        }
    }
}
