using System.Diagnostics;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Runs one of the repository's scripts (<c>scripts/…</c>) as a user would, from bash.</summary>
internal static class RepositoryScript
{
    /// <summary>Runs <c>scripts/<paramref name="script"/></c>; returns its standard output, or throws with its errors.</summary>
    public static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "scripts", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"scripts/{script} {string.Join(' ', arguments)} failed: {await stderr}");
    }

    /// <summary>The value of <c>NAME=value</c> in a script's output.</summary>
    public static string Setting(string output, string name) =>
        output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..]
        ?? throw new InvalidOperationException($"The script printed no {name}: {output}");
}
