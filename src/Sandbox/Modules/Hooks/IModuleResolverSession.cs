namespace IsolatedRuntime.Sandbox.Modules.Hooks;

/// <summary>The operator's resolver, ready for the requests of one run.</summary>
internal interface IModuleResolverSession
{
    /// <summary>A host path for <paramref name="request"/>, or null (or empty) when the resolver does not know it.</summary>
    /// <exception cref="OperatorFailureException">The resolver threw or answered something other than a string or null.</exception>
    string? Resolve(string request, string fromDirectory);
}
