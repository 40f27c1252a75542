using System.Text;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Jail;

/// <summary>A run's inline files (<see cref="RunOptions.Sources"/>), keyed by normalized root-relative path.</summary>
internal sealed class InlineSources
{
    public static readonly InlineSources Empty = new([]);

    private readonly Dictionary<string, string> _files;
    private readonly HashSet<string> _directories;

    private InlineSources(Dictionary<string, string> files)
    {
        _files = files;
        _directories = [.. files.Keys.SelectMany(ParentFolders)];
    }

    /// <summary>Builds the virtual root, or says why the request's sources cannot form one.</summary>
    /// <param name="sources">Path to text, as sent.</param>
    /// <param name="maxBytes">Largest size of all files together, in UTF-8 bytes.</param>
    /// <param name="result">The sources, when valid.</param>
    /// <returns>Null when valid; otherwise the message of an <c>InvalidRequest</c>.</returns>
    public static string? TryCreate(IReadOnlyDictionary<string, string> sources, int maxBytes, out InlineSources? result)
    {
        result = null;
        var files = new Dictionary<string, string>(sources.Count, StringComparer.Ordinal);
        long bytes = 0;
        foreach (var (key, text) in sources)
        {
            if (Normalize(key) is not { } path)
            {
                return $"The sources key '{key}' is not a file path inside the virtual root; use paths such as 'index.js' or 'lib/a.js'.";
            }

            if (!files.TryAdd(path, text ?? ""))
            {
                return $"The sources name the file '{path}' twice; give each file once.";
            }

            bytes += Encoding.UTF8.GetByteCount(text ?? "");
        }

        if (files.Count == 0)
        {
            return "The sources are empty; give at least the entry file, e.g. { \"index.js\": \"module.exports.f = () => 1\" }.";
        }

        if (bytes > maxBytes)
        {
            return $"The sources hold {bytes} bytes, over the {maxBytes}-byte limit for inline code; send a smaller bundle or use a root folder.";
        }

        result = new InlineSources(files);
        return null;
    }

    public bool TryGetFile(string relativePath, out string text) => _files.TryGetValue(relativePath, out text!);

    public bool IsDirectory(string relativePath) => relativePath.Length == 0 || _directories.Contains(relativePath);

    /// <summary>The names of the files and folders directly inside the folder <paramref name="relativePath"/>.</summary>
    public IEnumerable<string> Children(string relativePath)
    {
        var prefix = relativePath.Length == 0 ? "" : relativePath + "/";
        return _files.Keys.Concat(_directories)
            .Where(path => path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path.IndexOf('/', prefix.Length) < 0)
            .Select(path => path[prefix.Length..]);
    }

    private static string? Normalize(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var path = PosixPath.Normalize(PosixPath.Root + key.TrimStart('/'));
        return path is null or PosixPath.Root ? null : path[1..];
    }

    private static IEnumerable<string> ParentFolders(string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            yield return path[..slash];
        }
    }
}
