namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// The pinned npm packages of <c>Compat/packages</c>, installed once per test run (<see cref="CompatPackagesFolder"/>),
/// and the <c>node</c> that runs each case for the expected answer.
/// </summary>
public sealed class NpmPackagesFixture
{
    private readonly CompatPackagesFolder _packages = CompatPackagesFolder.Install();

    /// <summary>The folder holding package.json, the lock file, node_modules and the cases.</summary>
    public string Folder => _packages.Path;

    /// <summary>What <c>node</c> answers for the case: its function's result, awaited, as JSON text.</summary>
    /// <param name="caseFile">A CommonJS case (<c>lodash.js</c>, required) or an ES module case (<c>zod.mjs</c>, imported).</param>
    public string RunInNode(string caseFile)
    {
        var load = caseFile.EndsWith(".mjs", StringComparison.Ordinal)
            ? $"import('./cases/{caseFile}').then(m => m.f())"
            : $"Promise.resolve(require('./cases/{caseFile}').f())";
        var script = $"{load}.then(r => process.stdout.write(JSON.stringify(r === undefined ? null : r)), e => {{ process.stderr.write(String(e && e.stack || e)); process.exit(1); }});";
        return _packages.Node(script, $"cases/{caseFile}");
    }
}
