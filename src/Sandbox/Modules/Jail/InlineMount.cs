using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Jail;

/// <summary>A run's inline sources mounted as its root. Nothing here is on the host disk.</summary>
internal sealed class InlineMount(InlineSources sources) : IModuleMount
{
    public string VirtualRoot => PosixPath.Root;

    public MountEntry Probe(string relativePath)
    {
        if (sources.TryGetFile(relativePath, out var text))
        {
            return new MountEntry(HostEntryKind.File, null, text);
        }

        return sources.IsDirectory(relativePath) ? new MountEntry(HostEntryKind.Directory, null, null) : MountEntry.Missing;
    }

    public IEnumerable<string> List(string relativePath) => sources.Children(relativePath);

    public string? RelativeOf(string hostPath) => null;

    public string? HostPathOf(string relativePath) => null;

    public bool IsPackageFolder(string packageName) => false;

    public string Scrub(string message) => message;
}
