using System.Diagnostics;

namespace IsolatedRuntime.Sandbox.Benchmarks.Fixtures;

/// <summary>
/// The pinned npm packages of the Compat differential tests (<c>tests/Sandbox.Tests/Compat/packages</c>), installed
/// from their committed lock file the way the tests install them, and the <c>node</c> that runs the same cases.
/// </summary>
internal sealed class CompatPackages
{
    private CompatPackages(string folder) => Folder = folder;

    /// <summary>The folder holding package.json, the lock file, node_modules and <c>cases/</c>.</summary>
    public string Folder { get; }

    /// <summary>Finds the folder above the benchmark binaries and runs <c>npm ci</c> there when node_modules is missing.</summary>
    public static CompatPackages Install()
    {
        var folder = Find();
        if (!File.Exists(Path.Combine(folder, "node_modules", ".package-lock.json")))
        {
            var (code, output) = Execute("npm", folder, "ci", "--ignore-scripts", "--no-audit", "--no-fund");
            if (code != 0)
            {
                throw new InvalidOperationException($"'npm ci' failed in {folder} (exit {code}); is the npm registry reachable?\n{output}");
            }
        }

        return new CompatPackages(folder);
    }

    /// <summary>Runs <paramref name="script"/> with <c>node -e</c> in the packages folder; returns its standard output.</summary>
    public string Node(string script)
    {
        var (code, output) = Execute("node", Folder, "-e", script);
        return code == 0 ? output : throw new InvalidOperationException($"node failed (exit {code}): {output}");
    }

    private static (int Code, string Output) Execute(string file, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result);
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Sandbox.Tests", "Compat", "packages");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Sandbox.Tests/Compat/packages/package-lock.json was not found above the benchmark binaries.");
    }
}
