namespace IsolatedRuntime.Sandbox.Modules.Compilation;

/// <summary>
/// The text of a module file as last read, plus the code prepared from it. Keeping the prepared code beside the
/// text lets a cached module be loaded without hashing or comparing its source on every run.
/// </summary>
/// <remarks>
/// The code is held weakly: the parsed-module cache owns it and is charged for it, so once that cache evicts it
/// (to keep within <see cref="SandboxOptions.ModuleCacheBytes"/>) the text, charged only for its characters, must
/// not keep the tree alive.
/// </remarks>
internal sealed class SourceText(string text)
{
    /// <summary>Stands for a file over the size limit: never cached, never parsed.</summary>
    public static readonly SourceText TooLarge = new("");

    private volatile ModuleCodeMemo? _memo;

    public string Text { get; } = text;

    /// <summary>The code prepared from this text under <paramref name="name"/>, if prepared before.</summary>
    public ModuleCode? FindCode(string name, bool compiled, bool isEsModule = false) =>
        _memo is { } memo && memo.Compiled == compiled && memo.Code.TryGetTarget(out var code) && code.IsEsModule == isEsModule
        && string.Equals(memo.Name, name, StringComparison.Ordinal)
            ? code
            : null;

    public void RememberCode(string name, bool compiled, ModuleCode code) => _memo = new ModuleCodeMemo(name, compiled, new WeakReference<ModuleCode>(code));

    private sealed record ModuleCodeMemo(string Name, bool Compiled, WeakReference<ModuleCode> Code);
}
