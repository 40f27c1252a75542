using System.Globalization;
using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Jail;

/// <summary>
/// The jail of one run: the virtual file system made of its root at <c>/</c> and each whitelisted folder at
/// <c>/~whitelist&lt;index&gt;</c>. Every path is placed by where it really lies after its symbolic links are
/// followed; whatever lies outside every mount does not exist for the run.
/// </summary>
internal sealed class ModuleFileSystem
{
    public const string WhitelistPrefix = "/~whitelist";

    private readonly IModuleMount _root;
    private readonly IReadOnlyList<IModuleMount> _whitelisted;
    private readonly HostFileSystem _host;

    public ModuleFileSystem(IModuleMount root, IReadOnlyList<IModuleMount> whitelisted, HostFileSystem host)
    {
        _root = root;
        _whitelisted = whitelisted;
        _host = host;
    }

    /// <summary>
    /// The jail of <paramref name="run"/>: its root folder or inline sources, and its whitelisted folders. Null when
    /// the root is unusable (missing, not a folder, invalid sources): the entry cannot be found.
    /// </summary>
    public static ModuleFileSystem? ForRun(RunOptions run, HostFileSystem host, int maxInlineBytes)
    {
        var root = RootOf(run, host, maxInlineBytes);
        if (root is null)
        {
            return null;
        }

        var whitelisted = new IModuleMount[run.WhitelistedPaths?.Count ?? 0];
        for (var index = 0; index < whitelisted.Length; index++)
        {
            // A folder that vanished since validation still holds its index, so later ones keep their names.
            var folder = run.WhitelistedPaths![index];
            whitelisted[index] = Path.IsPathFullyQualified(folder)
                ? Mount(WhitelistRoot(index), Path.GetFullPath(folder), host)
                : new InlineMount(InlineSources.Empty);
        }

        return new ModuleFileSystem(root, whitelisted, host);
    }

    /// <summary>A jail holding one host folder at the root: an operator module's own folder.</summary>
    public static ModuleFileSystem ForDirectory(string directory, HostFileSystem host) =>
        new(Mount(PosixPath.Root, directory, host), [], host);

    /// <summary>The whitelisted trees, in the order the run listed them.</summary>
    public IReadOnlyList<IModuleMount> Whitelisted => _whitelisted;

    /// <summary>Virtual root of the <paramref name="index"/>th whitelisted folder.</summary>
    public static string WhitelistRoot(int index) => WhitelistPrefix + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the normalized virtual path <paramref name="path"/> names, inside the jail.</summary>
    public VirtualEntry Probe(string path)
    {
        var (mount, relative) = Locate(path);
        var entry = mount.Probe(relative);
        if (entry.Kind == HostEntryKind.Missing)
        {
            return VirtualEntry.Missing;
        }

        if (entry.Host is not { } host)
        {
            return Entry(entry.Kind, path, mount, null, entry.InlineText);
        }

        return Place(host.RealPath) is var (realMount, canonical)
            ? Entry(entry.Kind, canonical, realMount, host, null)
            : VirtualEntry.Missing;
    }

    /// <summary>
    /// What the folder <paramref name="directory"/> (a canonical virtual path the jail answered) holds: each name with
    /// what it names once placed. Names that lead out of the jail (a link to <c>/etc</c>) are left out.
    /// </summary>
    public IEnumerable<(string Name, HostEntryKind Kind)> List(string directory)
    {
        var (mount, relative) = Locate(directory);
        foreach (var name in mount.List(relative).Order(StringComparer.Ordinal))
        {
            var entry = Probe(directory.Length == 1 ? PosixPath.Root + name : directory + "/" + name);
            if (entry.Kind != HostEntryKind.Missing)
            {
                yield return (name, entry.Kind);
            }
        }
    }

    /// <summary>
    /// The bytes of <paramref name="file"/> (a file the jail answered), or null when it cannot be read or holds more
    /// than <paramref name="maxBytes"/> bytes.
    /// </summary>
    public static byte[]? ReadBytes(ModuleFile file, int maxBytes)
    {
        if (file.InlineText is { } text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            return bytes.Length <= maxBytes ? bytes : null;
        }

        try
        {
            using var stream = new FileStream(file.Host!.RealPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > maxBytes)
            {
                return null;
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The virtual path of a host path an operator resolver returned, or null when it lies outside the jail.
    /// </summary>
    public string? FromHostPath(string hostPath)
    {
        if (!Path.IsPathFullyQualified(hostPath))
        {
            return null;
        }

        var full = Path.GetFullPath(hostPath);
        if (PlaceLexically(full) is { } lexical)
        {
            return lexical;
        }

        var entry = _host.Probe(full);
        return entry.Kind == HostEntryKind.Missing ? null : Place(entry.RealPath)?.Path;
    }

    /// <summary>
    /// The folder handed to an operator resolver as <c>fromDir</c>: the host folder for modules on disk, the
    /// virtual folder for inline sources.
    /// </summary>
    public string DescribeDirectory(string virtualDirectory)
    {
        var (mount, relative) = Locate(virtualDirectory);
        return mount.HostPathOf(relative) ?? virtualDirectory;
    }

    /// <summary>The top of the tree <paramref name="path"/> lies in; <c>node_modules</c> lookups stop there.</summary>
    public string TopOf(string path) => Locate(path).Mount.VirtualRoot;

    /// <summary>Removes every mounted host folder from <paramref name="message"/>.</summary>
    public string Scrub(string message)
    {
        foreach (var mount in _whitelisted)
        {
            message = mount.Scrub(message);
        }

        return _root.Scrub(message);
    }

    private static IModuleMount? RootOf(RunOptions run, HostFileSystem host, int maxInlineBytes)
    {
        if (run.Sources is not null)
        {
            return InlineSources.TryCreate(run.Sources, maxInlineBytes, out var sources) is null ? new InlineMount(sources!) : null;
        }

        if (string.IsNullOrWhiteSpace(run.Root) || run.Root.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(run.Root);
        return host.Probe(full).IsDirectory ? Mount(PosixPath.Root, full, host) : null;
    }

    private static DirectoryMount Mount(string virtualRoot, string hostRoot, HostFileSystem host)
    {
        var entry = host.Probe(hostRoot);
        return new DirectoryMount(virtualRoot, hostRoot, entry.IsDirectory ? entry.RealPath : hostRoot, host);
    }

    private static VirtualEntry Entry(HostEntryKind kind, string path, IModuleMount mount, HostEntry? host, string? text) =>
        new(kind, path, kind == HostEntryKind.File ? new ModuleFile(path, mount, host, text) : null);

    private (IModuleMount Mount, string Relative) Locate(string path)
    {
        if (path.StartsWith(WhitelistPrefix, StringComparison.Ordinal))
        {
            var end = path.IndexOf('/', 1);
            var digits = end < 0 ? path[WhitelistPrefix.Length..] : path[WhitelistPrefix.Length..end];
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < _whitelisted.Count
                && WhitelistRoot(index).Length == WhitelistPrefix.Length + digits.Length)
            {
                return (_whitelisted[index], end < 0 ? "" : path[(end + 1)..]);
            }
        }

        return (_root, path.Length > 1 ? path[1..] : "");
    }

    private (IModuleMount Mount, string Path)? Place(string realPath)
    {
        if (_root.RelativeOf(realPath) is { } inRoot)
        {
            return (_root, PosixPath.Root + inRoot);
        }

        foreach (var mount in _whitelisted)
        {
            if (mount.RelativeOf(realPath) is { } relative)
            {
                return (mount, relative.Length == 0 ? mount.VirtualRoot : mount.VirtualRoot + "/" + relative);
            }
        }

        return null;
    }

    private string? PlaceLexically(string fullPath) => Place(fullPath)?.Path;
}
