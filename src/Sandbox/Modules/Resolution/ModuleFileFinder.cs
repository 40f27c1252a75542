using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>
/// Finds the file a path names, as Node does: the file itself, then with each source extension in order, then as a
/// folder (its <c>package.json</c> <c>main</c>, then its <c>index</c>). Only files with a source extension or
/// <c>.json</c> are loadable.
/// </summary>
internal sealed class ModuleFileFinder(IReadOnlyList<string> extensions, PackageManifestReader manifests)
{
    private const string _jsonExtension = "json";

    // CommonJS by definition, so loadable wherever it is found (a "type": "module" package's require entry).
    private const string _commonJsExtension = "cjs";

    /// <summary>
    /// The file a bare request names in the package folder <paramref name="packageDirectory"/>: through the
    /// package's <c>exports</c> map when it has one (exact targets, no probing; a sub-path it does not export is not
    /// found), else as <see cref="Find"/> finds <paramref name="packageDirectory"/>/<paramref name="subPath"/>.
    /// </summary>
    public ModuleFile? FindInPackage(ModuleFileSystem files, string packageDirectory, string subPath)
    {
        var fallback = subPath.Length == 0 ? packageDirectory : packageDirectory + "/" + subPath;
        if (!files.Probe(packageDirectory).IsDirectory || manifests.Read(files, packageDirectory).Exports is not { } exports)
        {
            return Find(files, fallback, directoryOnly: false);
        }

        return PackageExports.Resolve(exports, subPath) is { } target
            && PosixPath.Combine(packageDirectory, target) is { } path
            && files.Probe(path).File is { } file && IsLoadable(file.Path)
                ? file
                : null;
    }

    /// <summary>The file <paramref name="path"/> names inside the jail, or null.</summary>
    /// <param name="files">The run's jail.</param>
    /// <param name="path">A normalized virtual path.</param>
    /// <param name="directoryOnly">True when the request ended in a slash (or was <c>.</c>/<c>..</c>).</param>
    public ModuleFile? Find(ModuleFileSystem files, string path, bool directoryOnly) =>
        (directoryOnly ? null : AsFile(files, path)) ?? AsDirectory(files, path);

    private ModuleFile? AsFile(ModuleFileSystem files, string path)
    {
        if (files.Probe(path).File is { } exact && IsLoadable(exact.Path))
        {
            return exact;
        }

        foreach (var extension in extensions)
        {
            if (files.Probe(string.Concat(path, ".", extension)).File is { } file)
            {
                return file;
            }
        }

        return null;
    }

    private ModuleFile? AsDirectory(ModuleFileSystem files, string path)
    {
        var directory = files.Probe(path);
        if (!directory.IsDirectory)
        {
            return null;
        }

        if (manifests.Read(files, directory.Path).Main is { } main
            && PosixPath.Combine(directory.Path, main) is { } target
            && (AsFile(files, target) ?? AsIndex(files, target)) is { } fromMain)
        {
            return fromMain;
        }

        return AsIndex(files, directory.Path);
    }

    private ModuleFile? AsIndex(ModuleFileSystem files, string directory)
    {
        foreach (var extension in extensions)
        {
            var index = string.Concat(directory.Length == 1 ? "" : directory, "/index.", extension);
            if (files.Probe(index).File is { } file)
            {
                return file;
            }
        }

        return null;
    }

    private bool IsLoadable(string path)
    {
        var extension = PosixPath.Extension(path);
        if (extension is _jsonExtension or _commonJsExtension)
        {
            return true;
        }

        foreach (var allowed in extensions)
        {
            if (allowed == extension)
            {
                return true;
            }
        }

        return false;
    }
}
