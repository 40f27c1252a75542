using IsolatedRuntime.Sandbox.Modules.FileSystem;

namespace IsolatedRuntime.Sandbox.Modules.Jail;

/// <summary>What a path inside one mount names, before the jail has placed it.</summary>
/// <param name="Kind">File, folder or nothing.</param>
/// <param name="Host">For host folders, the entry after its links are followed; null for inline sources.</param>
/// <param name="InlineText">For inline files, their text.</param>
internal readonly record struct MountEntry(HostEntryKind Kind, HostEntry? Host, string? InlineText)
{
    public static MountEntry Missing => default;
}
