namespace IsolatedRuntime.Sandbox.Modules.Paths;

/// <summary>
/// Operations on virtual module paths: '/'-separated and absolute from the run's virtual root, whatever the host
/// platform. Module code only ever sees these, never host paths.
/// </summary>
internal static class PosixPath
{
    public const string Root = "/";

    /// <summary>
    /// Resolves the <c>.</c> and <c>..</c> segments and repeated slashes of an absolute path. Returns null when a
    /// <c>..</c> would climb above the root: such a request points outside everything the run may see.
    /// </summary>
    public static string? Normalize(string absolute)
    {
        if (!NeedsNormalizing(absolute))
        {
            return absolute;
        }

        var segments = new List<string>();
        foreach (var segment in absolute.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    return null;
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return Root + string.Join('/', segments);
    }

    /// <summary>Joins <paramref name="relative"/> onto <paramref name="directory"/> and normalizes the result.</summary>
    public static string? Combine(string directory, string relative) =>
        Normalize(directory == Root ? Root + relative : directory + "/" + relative);

    /// <summary>The folder holding <paramref name="path"/>; the root for the root itself.</summary>
    public static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path[..slash];
    }

    /// <summary>The last segment of <paramref name="path"/>.</summary>
    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The extension of <paramref name="path"/> without its dot, or empty when it has none.</summary>
    public static string Extension(string path)
    {
        var name = FileName(path);
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? "" : name[(dot + 1)..];
    }

    /// <summary>The path as module code names it in stack traces: relative to the virtual root.</summary>
    public static string ToDisplayName(string path) => path.Length > 1 ? path[1..] : path;

    private static bool NeedsNormalizing(string path) =>
        path.Length == 0
        || path[0] != '/'
        || (path.Length > 1 && path[^1] == '/')
        || path.Contains("//", StringComparison.Ordinal)
        || path.Contains("/.", StringComparison.Ordinal);
}
