namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A worker code base in a temp folder, built in code: function folders and the files in them.</summary>
public sealed class TestCodeBase : IDisposable
{
    public TestCodeBase()
    {
        Root = Path.Combine(Path.GetTempPath(), $"isolated-runtime-codebase-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    /// <summary>The code base folder (host path).</summary>
    public string Root { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="relativePath"/>, creating folders.</summary>
    public TestCodeBase With(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>Creates a symbolic link at <paramref name="relativePath"/> pointing to <paramref name="target"/>.</summary>
    public TestCodeBase WithLink(string relativePath, string target)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateSymbolicLink(path, target);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>The functions most fleet tests call, one folder per behaviour.</summary>
    public static TestCodeBase Functions() => new TestCodeBase()
        .With("math/index.js", """
            exports.add = (a, b) => a + b;
            exports.echo = (value) => value;
            exports.greet = (person) => ({ greeting: `hello ${person.name}`, age: person.age + 1 });
            exports.logs = (n) => { console.log('counting', n); return n; };
            exports.delayed = (ms, value) => new Promise(resolve => setTimeout(() => resolve(value), ms));
            """)
        .With("faults/index.js", """
            exports.throws = () => { throw new TypeError('bad input'); };
            exports.spins = () => { while (true) {} };
            exports.hoards = () => { const keep = []; while (true) keep.push('x'.repeat(1024 * 1024)); };
            exports.recurses = function deep(n) { return deep(n + 1) + 1; };
            exports.bigint = () => 10n;
            exports.missingModule = () => require('./nope');
            exports.fs = () => require('fs');
            """)
        .With("faults/package.json", "{}");
}
