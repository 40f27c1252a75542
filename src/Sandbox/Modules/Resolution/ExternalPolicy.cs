using IsolatedRuntime.Sandbox.Modules.Jail;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>
/// Which packages a run may <c>require</c> by bare name. The run's own code: exactly those listed in
/// <see cref="RunOptions.External"/> (any sub-path of a listed package included). Code of a package — a file inside a
/// <c>node_modules</c> folder or a whitelisted folder — may require its own dependencies by bare name; they are
/// still looked up only inside the jail. Paths are governed by the jail, not by this list.
/// </summary>
internal sealed class ExternalPolicy(IReadOnlyList<string>? names)
{
    public static readonly ExternalPolicy None = new(null);

    /// <summary>True when <paramref name="request"/>'s package may be loaded from code in <paramref name="requesterDirectory"/>.</summary>
    public bool Allows(ModuleRequest request, string requesterDirectory) =>
        (names is not null && names.Contains(request.PackageName, StringComparer.Ordinal)) || IsPackageCode(requesterDirectory);

    // A package's files could already be loaded by path from anywhere in the jail; letting them name their
    // dependencies by bare name reaches nothing the jail does not already allow.
    private static bool IsPackageCode(string directory) =>
        directory.Contains("/node_modules/", StringComparison.Ordinal) || directory.EndsWith("/node_modules", StringComparison.Ordinal)
        || directory.StartsWith(ModuleFileSystem.WhitelistPrefix, StringComparison.Ordinal);
}
