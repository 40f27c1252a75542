using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Jail;

/// <summary>A module file the jail has allowed, named by its canonical virtual path.</summary>
internal sealed class ModuleFile
{
    public ModuleFile(string path, IModuleMount mount, HostEntry? host, string? inlineText)
    {
        Path = path;
        Mount = mount;
        Host = host;
        InlineText = inlineText;
        DisplayName = PosixPath.ToDisplayName(path);
        Directory = PosixPath.Directory(path);
    }

    /// <summary>The virtual path: <c>/lib/a.js</c>. Also the module's <c>__filename</c> and its identity in a run.</summary>
    public string Path { get; }

    /// <summary>Root-relative name (<c>lib/a.js</c>): the source name stack traces show.</summary>
    public string DisplayName { get; }

    /// <summary>The virtual folder (<c>/lib</c>): the module's <c>__dirname</c>.</summary>
    public string Directory { get; }

    /// <summary>The tree the file lies in.</summary>
    public IModuleMount Mount { get; }

    /// <summary>The file on disk (after links); null for inline sources.</summary>
    public HostEntry? Host { get; }

    /// <summary>The text of an inline source; null for files on disk.</summary>
    public string? InlineText { get; }

    public bool IsJson => Path.EndsWith(".json", StringComparison.Ordinal);
}
