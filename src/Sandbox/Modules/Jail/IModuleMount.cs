namespace IsolatedRuntime.Sandbox.Modules.Jail;

/// <summary>
/// A tree of modules visible to a run at a virtual folder: the run's root at <c>/</c>, each whitelisted host folder
/// at <c>/~whitelist&lt;index&gt;</c>.
/// </summary>
internal interface IModuleMount
{
    /// <summary>Where module code sees this tree: <c>/</c> or <c>/~whitelist0</c>…</summary>
    string VirtualRoot { get; }

    /// <summary>What <paramref name="relativePath"/> ('/'-separated, normalized, empty for the top) names here.</summary>
    MountEntry Probe(string relativePath);

    /// <summary>
    /// The names directly inside the folder <paramref name="relativePath"/> names, as the disk lists them (links not
    /// followed: the jail places each name before anything is said about it); empty when it cannot be listed.
    /// </summary>
    IEnumerable<string> List(string relativePath);

    /// <summary>Where the host path <paramref name="hostPath"/> lies in this tree, or null when outside it.</summary>
    string? RelativeOf(string hostPath);

    /// <summary>The host path of <paramref name="relativePath"/>, or null when the tree is not on the host disk.</summary>
    string? HostPathOf(string relativePath);

    /// <summary>True when this tree is the folder of the package <paramref name="packageName"/> itself.</summary>
    bool IsPackageFolder(string packageName);

    /// <summary>Replaces this tree's host folder in <paramref name="message"/> with its virtual root.</summary>
    string Scrub(string message);
}
