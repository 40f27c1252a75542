namespace IsolatedRuntime.Sandbox.Modules.FileSystem;

/// <summary>A host path after every symbolic link in it has been followed (its realpath).</summary>
/// <param name="Kind">What the path names.</param>
/// <param name="RealPath">The full path with every link resolved; the jail compares this, never the lexical path.</param>
/// <param name="Length">The file's size in bytes; zero for folders.</param>
internal sealed record HostEntry(HostEntryKind Kind, string RealPath, long Length)
{
    public static readonly HostEntry Missing = new(HostEntryKind.Missing, "", 0);

    public bool IsFile => Kind == HostEntryKind.File;

    public bool IsDirectory => Kind == HostEntryKind.Directory;
}
