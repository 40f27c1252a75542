using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>
/// Finds the file a path names, as Node does: the file itself, then with each source extension in order, then as a
/// folder (its <c>package.json</c> <c>main</c>, then its <c>index</c>). Only files with a source extension, <c>.json</c>,
/// <c>.cjs</c> or <c>.mjs</c> are loadable.
/// </summary>
internal sealed class ModuleFileFinder(IReadOnlyList<string> extensions, PackageManifestReader manifests)
{
    private const string _jsonExtension = "json";

    // CommonJS by definition, so loadable wherever it is found (a "type": "module" package's require entry).
    private const string _commonJsExtension = "cjs";

    // An ES module by definition, loadable by its full name (as .json is) but never probed for.
    private const string _esModuleExtension = "mjs";

    /// <summary>
    /// The file a bare request names in the package folder <paramref name="packageDirectory"/>: through the
    /// package's <c>exports</c> map when it has one (exact targets, no probing; a sub-path it does not export is not
    /// found), else as <see cref="Find"/> finds <paramref name="packageDirectory"/>/<paramref name="subPath"/>.
    /// </summary>
    /// <param name="files">The run's jail.</param>
    /// <param name="packageDirectory">The package's virtual folder.</param>
    /// <param name="subPath">The path inside the package, empty for the package itself.</param>
    /// <param name="import">True for an ES module's <c>import</c> (the <c>import</c> condition), false for <c>require</c>.</param>
    /// <param name="directoryOnly">True for a request written with a trailing slash (<c>pkg/</c>): only a folder answers.</param>
    public ModuleFile? FindInPackage(ModuleFileSystem files, string packageDirectory, string subPath, bool import = false, bool directoryOnly = false)
    {
        var fallback = subPath.Length == 0 ? packageDirectory : packageDirectory + "/" + subPath;
        if (!files.Probe(packageDirectory).IsDirectory || manifests.Read(files, packageDirectory).Exports is not { } exports)
        {
            return Find(files, fallback, directoryOnly);
        }

        return PackageExports.Resolve(exports, subPath, import) is { } target
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

    /// <summary>
    /// True when <paramref name="file"/> is an ES module, as Node decides: a <c>.mjs</c> file, or a source file other
    /// than <c>.cjs</c>/<c>.json</c> whose nearest <c>package.json</c> (inside its tree of the jail) says
    /// <c>"type": "module"</c>. A broken nearest manifest counts as CommonJS, as it did before ES modules existed.
    /// </summary>
    public bool IsEsModule(ModuleFileSystem files, ModuleFile file)
    {
        var extension = PosixPath.Extension(file.Path);
        if (extension is _esModuleExtension or _jsonExtension or _commonJsExtension)
        {
            return extension == _esModuleExtension;
        }

        var top = files.TopOf(file.Path);
        for (var directory = file.Directory; ; directory = PosixPath.Directory(directory))
        {
            if (files.Probe(directory.Length == 1 ? "/package.json" : directory + "/package.json").File is not null)
            {
                return IsModuleType(files, directory);
            }

            if (directory == top || directory == PosixPath.Root)
            {
                return false;
            }
        }
    }

    private bool IsModuleType(ModuleFileSystem files, string directory)
    {
        try
        {
            return manifests.Read(files, directory).IsModuleType;
        }
        catch (ModuleResolutionException)
        {
            return false;
        }
    }

    private bool IsLoadable(string path)
    {
        var extension = PosixPath.Extension(path);
        if (extension is _jsonExtension or _commonJsExtension or _esModuleExtension)
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
