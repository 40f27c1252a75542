using System.Text.Json.Nodes;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>Where a test's code lives: a folder on disk or inline sources. Module semantics must not differ.</summary>
public enum CodeStorage
{
    Disk,
    Inline,
}

/// <summary>A set of module files a test runs either from a temp root folder or as inline sources.</summary>
internal sealed class CodeTree : IDisposable
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private TestCodeRoot? _root;

    public CodeTree With(string path, string content)
    {
        _files[path] = content;
        return this;
    }

    public RunOptions Run(CodeStorage storage, string file, string funcName, string? argsJson = null)
    {
        if (storage == CodeStorage.Inline)
        {
            return new RunOptions
            {
                Sources = _files,
                File = file,
                FuncName = funcName,
                Args = argsJson is null ? null : JsonNode.Parse(argsJson),
            };
        }

        _root ??= _files.Aggregate(new TestCodeRoot(), (root, pair) => root.With(pair.Key, pair.Value));
        return _root.Run(file, funcName, argsJson);
    }

    public void Dispose() => _root?.Dispose();
}
