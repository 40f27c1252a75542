namespace IsolatedRuntime.Sandbox;

/// <summary>
/// A .NET module resolver registered by the operator: the in-process counterpart of the seed's
/// <c>resolverModulePath</c>. Asked for bare names listed in a run's <c>external</c> before the
/// <c>node_modules</c> lookup. Whatever it returns is still checked against the run's jail.
/// </summary>
public interface IModuleResolver
{
    /// <summary>Resolves <paramref name="request"/> required from <paramref name="fromDirectory"/>.</summary>
    /// <param name="request">The name passed to <c>require</c>.</param>
    /// <param name="fromDirectory">Host folder of the requiring module.</param>
    /// <param name="context">The run's resolver options and root.</param>
    /// <returns>A host path to the module file or folder, or null when this resolver does not know it.</returns>
    string? Resolve(string request, string fromDirectory, ModuleResolutionContext context);
}
