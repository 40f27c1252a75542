using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox.Tests.Fixtures;

/// <summary>
/// A throwaway code root on disk, built in code like the seed's own test helper:
/// <c>using var root = new TestCodeRoot().With("index.js", "module.exports.f = () => 1");</c>.
/// </summary>
internal sealed class TestCodeRoot : IDisposable
{
    public TestCodeRoot() => Path = Directory.CreateTempSubdirectory("ir-root-").FullName;

    /// <summary>Host path of the root folder.</summary>
    public string Path { get; }

    /// <summary>Writes <paramref name="content"/> to <paramref name="relativePath"/>, creating folders.</summary>
    public TestCodeRoot With(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    /// <summary>Creates a symbolic link at <paramref name="relativePath"/> pointing to <paramref name="target"/>.</summary>
    public TestCodeRoot WithSymlink(string relativePath, string target)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        if (Directory.Exists(target))
        {
            Directory.CreateSymbolicLink(full, target);
        }
        else
        {
            File.CreateSymbolicLink(full, target);
        }

        return this;
    }

    /// <summary>Run options for <paramref name="funcName"/> of <paramref name="file"/> in this root.</summary>
    public RunOptions Run(string file, string funcName, string? argsJson = null, string? contextJson = null) => new()
    {
        Root = Path,
        File = file,
        FuncName = funcName,
        Args = argsJson is null ? null : JsonNode.Parse(argsJson),
        Context = contextJson is null ? null : JsonNode.Parse(contextJson),
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A test host still holding a file must not fail the test; the temp folder is reclaimed later.
        }
    }
}
