using System.Diagnostics;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// The pinned npm packages of <c>Compat/packages</c>, installed once per test run with <c>npm ci --ignore-scripts</c>
/// from the committed lock file (into <c>node_modules</c>, which is never committed), and the <c>node</c> that runs
/// each case for the expected answer.
/// </summary>
public sealed class NpmPackagesFixture
{
    private static readonly TimeSpan _installTimeout = TimeSpan.FromMinutes(5);

    public NpmPackagesFixture()
    {
        Folder = FindPackagesFolder();
        Require("node", "--version");
        Require("npm", "--version");
        if (!File.Exists(Path.Combine(Folder, "node_modules", ".package-lock.json")) || MissesAPinnedPackage(Folder))
        {
            var (code, output) = Execute("npm", Folder, _installTimeout, "ci", "--ignore-scripts", "--no-audit", "--no-fund");
            if (code != 0)
            {
                throw new InvalidOperationException($"'npm ci' failed in {Folder} (exit {code}); is the npm registry reachable?\n{output}");
            }
        }
    }

    /// <summary>The folder holding package.json, the lock file, node_modules and the cases.</summary>
    public string Folder { get; }

    /// <summary>What <c>node</c> answers for the case: its function's result, awaited, as JSON text.</summary>
    /// <param name="caseFile">A CommonJS case (<c>lodash.js</c>, required) or an ES module case (<c>zod.mjs</c>, imported).</param>
    public string RunInNode(string caseFile)
    {
        var load = caseFile.EndsWith(".mjs", StringComparison.Ordinal)
            ? $"import('./cases/{caseFile}').then(m => m.f())"
            : $"Promise.resolve(require('./cases/{caseFile}').f())";
        var script = $"{load}.then(r => process.stdout.write(JSON.stringify(r === undefined ? null : r)), e => {{ process.stderr.write(String(e && e.stack || e)); process.exit(1); }});";
        var (code, output) = Execute("node", Folder, TimeSpan.FromMinutes(1), "-e", script);
        return code == 0 ? output : throw new InvalidOperationException($"node failed on cases/{caseFile} (exit {code}): {output}");
    }

    // A package pinned after node_modules was installed (the lock file changed) means installing again.
    private static bool MissesAPinnedPackage(string folder)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json")));
        return manifest.RootElement.GetProperty("dependencies").EnumerateObject()
            .Any(dependency => !File.Exists(Path.Combine(folder, "node_modules", dependency.Name, "package.json")));
    }

    private static void Require(string tool, string argument)
    {
        try
        {
            Execute(tool, Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(30), argument);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The Compat differential tests need '{tool}' (Node 20 and npm) on the PATH: install them (apt-get install nodejs npm) and run again. ({e.Message})", e);
        }
    }

    private static (int Code, string Output) Execute(string file, string directory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file}' did not finish within {timeout}.");
        }

        return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result);
    }

    private static string FindPackagesFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Sandbox.Tests", "Compat", "packages");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Sandbox.Tests/Compat/packages/package-lock.json was not found above the test binaries.");
    }
}
