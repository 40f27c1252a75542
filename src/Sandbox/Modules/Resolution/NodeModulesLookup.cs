using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>
/// Where a package may be found, in order: <c>node_modules</c> in the requiring folder and each parent up to the top
/// of its tree (the root, or the whitelisted folder it lies in); then each whitelisted folder, in the order the run
/// listed them, taken as the package itself (when its name is the package's), as a project (its
/// <c>node_modules</c>) and as a modules folder (like <c>NODE_PATH</c>).
/// </summary>
internal static class NodeModulesLookup
{
    private const string _nodeModules = "node_modules";

    public static IEnumerable<string> Candidates(ModuleFileSystem files, string fromDirectory, ModuleRequest request)
    {
        var top = files.TopOf(fromDirectory);
        for (var directory = fromDirectory; ; directory = PosixPath.Directory(directory))
        {
            if (PosixPath.FileName(directory) != _nodeModules)
            {
                yield return Join(directory, _nodeModules + "/" + request.Text);
            }

            if (directory == top || directory == PosixPath.Root)
            {
                break;
            }
        }

        for (var index = 0; index < files.Whitelisted.Count; index++)
        {
            var root = ModuleFileSystem.WhitelistRoot(index);
            if (files.Whitelisted[index].IsPackageFolder(request.PackageName))
            {
                yield return request.SubPath.Length == 0 ? root : Join(root, request.SubPath);
            }

            yield return Join(root, _nodeModules + "/" + request.Text);
            yield return Join(root, request.Text);
        }
    }

    private static string Join(string directory, string relative) =>
        directory.Length == 1 ? PosixPath.Root + relative : directory + "/" + relative;
}
