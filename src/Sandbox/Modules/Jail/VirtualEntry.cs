using IsolatedRuntime.Sandbox.Modules.FileSystem;

namespace IsolatedRuntime.Sandbox.Modules.Jail;

/// <summary>What a virtual path names once the jail has checked it.</summary>
/// <param name="Kind">File, folder, or nothing (also for anything outside the jail).</param>
/// <param name="Path">The canonical virtual path, after links are followed.</param>
/// <param name="File">The module file, when <paramref name="Kind"/> is a file.</param>
internal readonly record struct VirtualEntry(HostEntryKind Kind, string Path, ModuleFile? File)
{
    public static VirtualEntry Missing => default;

    public bool IsDirectory => Kind == HostEntryKind.Directory;
}
