using System.Diagnostics;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// The pinned npm packages of <c>Compat/packages</c>, installed with <c>npm ci --ignore-scripts</c> from the committed
/// lock file (into <c>node_modules</c>, never committed), and the <c>node</c> that runs code beside them. Shared by
/// the differential tests and the warm-reuse benchmark (linked into benchmarks/Sandbox.Benchmarks).
/// </summary>
internal sealed class CompatPackagesFolder
{
    private static readonly TimeSpan _installTimeout = TimeSpan.FromMinutes(5);

    private CompatPackagesFolder(string path) => Path = path;

    /// <summary>The folder holding package.json, the lock file, node_modules and <c>cases/</c>.</summary>
    public string Path { get; }

    /// <summary>
    /// Finds the folder above the running binaries and installs the packages there when node_modules is missing or
    /// lacks a pinned package. Throws, saying what to install, when node or npm is not on the PATH.
    /// </summary>
    public static CompatPackagesFolder Install()
    {
        var folder = new CompatPackagesFolder(Find());
        Require("node", "--version");
        Require("npm", "--version");
        if (!File.Exists(System.IO.Path.Combine(folder.Path, "node_modules", ".package-lock.json")) || MissesAPinnedPackage(folder.Path))
        {
            var (code, output) = Execute("npm", folder.Path, _installTimeout, "ci", "--ignore-scripts", "--no-audit", "--no-fund");
            if (code != 0)
            {
                throw new InvalidOperationException($"'npm ci' failed in {folder.Path} (exit {code}); is the npm registry reachable?\n{output}");
            }
        }

        return folder;
    }

    /// <summary>Runs <paramref name="script"/> with <c>node -e</c> in the folder; returns its standard output.</summary>
    public string Node(string script, string what)
    {
        var (code, output) = Execute("node", Path, TimeSpan.FromMinutes(1), "-e", script);
        return code == 0 ? output : throw new InvalidOperationException($"node failed on {what} (exit {code}): {output}");
    }

    // A package pinned after node_modules was installed (the lock file changed) means installing again.
    private static bool MissesAPinnedPackage(string folder)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "package.json")));
        return manifest.RootElement.GetProperty("dependencies").EnumerateObject()
            .Any(dependency => !File.Exists(System.IO.Path.Combine(folder, "node_modules", dependency.Name, "package.json")));
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
                $"The Compat packages need '{tool}' (Node 20 and npm) on the PATH: install them (apt-get install nodejs npm) and run again. ({e.Message})", e);
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

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "tests", "Sandbox.Tests", "Compat", "packages");
            if (File.Exists(System.IO.Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Sandbox.Tests/Compat/packages/package-lock.json was not found above the running binaries.");
    }
}
