using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Jail;

/// <summary>A host folder mounted into a run. Everything it yields is placed by its real path, not its lexical one.</summary>
internal sealed class DirectoryMount : IModuleMount
{
    private readonly HostFileSystem _host;
    private readonly string _hostRoot;
    private readonly string _realRoot;

    /// <param name="virtualRoot">Where module code sees the folder.</param>
    /// <param name="hostRoot">The folder's full path as configured.</param>
    /// <param name="realRoot">The folder's full path with its links followed.</param>
    /// <param name="host">The cached view of the disk.</param>
    public DirectoryMount(string virtualRoot, string hostRoot, string realRoot, HostFileSystem host)
    {
        VirtualRoot = virtualRoot;
        _hostRoot = Path.TrimEndingDirectorySeparator(hostRoot);
        _realRoot = Path.TrimEndingDirectorySeparator(realRoot);
        _host = host;
    }

    public string VirtualRoot { get; }

    public MountEntry Probe(string relativePath)
    {
        var entry = _host.Probe(HostPathOf(relativePath));
        return entry.Kind == HostEntryKind.Missing ? MountEntry.Missing : new MountEntry(entry.Kind, entry, null);
    }

    public IEnumerable<string> List(string relativePath)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(HostPathOf(relativePath)).Select(Path.GetFileName).OfType<string>()];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }

    public string? RelativeOf(string hostPath) => RelativeTo(_realRoot, hostPath) ?? RelativeTo(_hostRoot, hostPath);

    public string HostPathOf(string relativePath) =>
        relativePath.Length == 0 ? _hostRoot : string.Concat(_hostRoot, _hostRoot.EndsWith('/') ? "" : "/", relativePath);

    public bool IsPackageFolder(string packageName) =>
        _hostRoot.EndsWith(PosixPath.Root + packageName, StringComparison.Ordinal);

    public string Scrub(string message)
    {
        // Longer first: the configured path may contain the real one as a prefix, or the other way round.
        foreach (var root in _hostRoot.Length >= _realRoot.Length ? [_hostRoot, _realRoot] : new[] { _realRoot, _hostRoot })
        {
            if (root.Length > 1)
            {
                message = message.Replace(root, VirtualRoot == PosixPath.Root ? "" : VirtualRoot, StringComparison.Ordinal);
            }
        }

        return message;
    }

    private static string? RelativeTo(string root, string hostPath)
    {
        if (string.Equals(hostPath, root, StringComparison.Ordinal))
        {
            return "";
        }

        if (root == PosixPath.Root)
        {
            return hostPath.StartsWith('/') ? hostPath[1..] : null;
        }

        return hostPath.Length > root.Length + 1
            && hostPath[root.Length] == '/'
            && hostPath.StartsWith(root, StringComparison.Ordinal)
                ? hostPath[(root.Length + 1)..]
                : null;
    }
}
