namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>
/// A request could not be resolved for a reason worth telling (a broken <c>package.json</c>), rather than simply
/// not being there. The message never holds a host path.
/// </summary>
internal sealed class ModuleResolutionException : Exception
{
    public ModuleResolutionException()
    {
    }

    public ModuleResolutionException(string message)
        : base(message)
    {
    }

    public ModuleResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
