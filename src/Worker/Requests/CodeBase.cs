namespace IsolatedRuntime.Worker.Requests;

/// <summary>
/// The folder request roots and whitelisted paths are relative to: the fleet's outer jail. A path that is absolute,
/// climbs with <c>..</c>, or leads out through a symbolic link is refused before the sandbox sees it.
/// </summary>
internal sealed class CodeBase
{
    private const int _maxLinkHops = 40;

    public CodeBase(string folder) => FullPath = RealPath(Path.GetFullPath(folder), 0) ?? Path.GetFullPath(folder);

    /// <summary>The code base with every symbolic link on the way resolved.</summary>
    public string FullPath { get; }

    /// <summary>Resolves <paramref name="relative"/> to a host folder inside the code base.</summary>
    /// <param name="relative">The path as the request sent it.</param>
    /// <param name="field">The request field, for the message (<c>root</c>, <c>whitelistedPaths[0]</c>).</param>
    /// <param name="folder">The resolved host folder when the path is accepted.</param>
    /// <returns>Null when accepted, else why not, without host paths.</returns>
    public string? TryResolve(string? relative, string field, out string folder)
    {
        folder = "";
        if (string.IsNullOrWhiteSpace(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return $"{field} is empty. Give a folder relative to the worker's code base, e.g. 'orders/pricing'.";
        }

        if (Path.IsPathRooted(relative) || relative.StartsWith('~') || relative.Contains('\\', StringComparison.Ordinal))
        {
            return $"{field} '{relative}' is not a relative path. Give a folder relative to the worker's code base, " +
                "e.g. 'orders/pricing'.";
        }

        if (relative.Split('/').Contains(".."))
        {
            return $"{field} '{relative}' climbs out with '..'. Give a folder inside the worker's code base.";
        }

        var real = RealPath(Path.GetFullPath(Path.Combine(FullPath, relative)), 0);
        if (real is null || !IsInside(real))
        {
            return $"{field} '{relative}' leads out of the worker's code base through a symbolic link; only folders " +
                "inside the code base can be used.";
        }

        if (!Directory.Exists(real))
        {
            return $"{field} '{relative}' is not a folder in the worker's code base. Check the name, or deploy the " +
                "code to the workers first.";
        }

        folder = real;
        return null;
    }

    private bool IsInside(string path) =>
        path == FullPath || path.StartsWith(Path.EndsInDirectorySeparator(FullPath) ? FullPath : FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // realpath(3): every link on the way is replaced by its target, whose own path may hold links again. Kept apart from
    // the sandbox's HostFileSystem, which answers only for paths that exist (cached per component): here a path that
    // does not exist must still say whether it leads out of the code base ("link-out/missing" is refused as outside).
    private static string? RealPath(string fullPath, int hops)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                if (hops >= _maxLinkHops)
                {
                    return null;
                }

                var rest = string.Join(Path.DirectorySeparatorChar, parts[(i + 1)..]);
                return RealPath(Path.GetFullPath(Path.Combine(current, target, rest)), hops + 1);
            }

            current = next;
        }

        return current;
    }
}
