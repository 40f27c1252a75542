using IsolatedRuntime.Sandbox.Modules.Compilation;

namespace IsolatedRuntime.Sandbox.Modules.FileSystem;

/// <summary>
/// The text of a module file as last read, plus the code prepared from it. Keeping the prepared code beside the
/// text lets a cached module be loaded without hashing or comparing its source on every run.
/// </summary>
internal sealed class SourceText(string text)
{
    /// <summary>Stands for a file over the size limit: never cached, never parsed.</summary>
    public static readonly SourceText TooLarge = new("");

    private volatile ModuleCodeMemo? _memo;

    public string Text { get; } = text;

    /// <summary>The code prepared from this text under <paramref name="name"/>, if prepared before.</summary>
    public ModuleCode? FindCode(string name, bool compiled, bool isEsModule = false) =>
        _memo is { } memo && memo.Compiled == compiled && memo.Code.IsEsModule == isEsModule
        && string.Equals(memo.Name, name, StringComparison.Ordinal)
            ? memo.Code
            : null;

    public void RememberCode(string name, bool compiled, ModuleCode code) => _memo = new ModuleCodeMemo(name, compiled, code);

    private sealed record ModuleCodeMemo(string Name, bool Compiled, ModuleCode Code);
}
