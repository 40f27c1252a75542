namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>
/// Which packages a run may <c>require</c> by bare name: exactly those listed in <see cref="RunOptions.External"/>
/// (any sub-path of a listed package included). Paths are governed by the jail, not by this list.
/// </summary>
internal sealed class ExternalPolicy(IReadOnlyList<string>? names)
{
    public static readonly ExternalPolicy None = new(null);

    /// <summary>True when <paramref name="request"/>'s package may be loaded from code in <paramref name="requesterDirectory"/>.</summary>
    /// <remarks>The requester is part of the question so that packages may later be allowed their own dependencies.</remarks>
    public bool Allows(ModuleRequest request, string requesterDirectory)
    {
        _ = requesterDirectory;
        return names is not null && names.Contains(request.PackageName, StringComparer.Ordinal);
    }
}
