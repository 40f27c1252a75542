namespace IsolatedRuntime.Sandbox.Modules.FileSystem;

/// <summary>What a host path names once its symbolic links are followed.</summary>
internal enum HostEntryKind
{
    /// <summary>Nothing, a dangling or looping link, or something the process may not read.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    File,

    /// <summary>A folder.</summary>
    Directory,
}
