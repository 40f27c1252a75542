namespace IsolatedRuntime.Cli.Tests.Fixtures;

/// <summary>Runs the real command line in-process, through the same entry point as the executable.</summary>
internal static class CommandLine
{
    /// <summary>Host path of the copy of <c>examples/</c> beside the test assembly.</summary>
    public static string Examples(string folder) => Path.Combine(AppContext.BaseDirectory, "examples", folder);

    public static Task<CliInvocation> InvokeAsync(params string[] args) => InvokeAsync(args, CancellationToken.None);

    /// <summary>
    /// Runs the command line; canceling <paramref name="interrupt"/> is what Ctrl+C does to the executable.
    /// <paramref name="interactive"/>: as if both streams were a terminal rather than redirected.
    /// </summary>
    public static async Task<CliInvocation> InvokeAsync(string[] args, CancellationToken interrupt, bool interactive = false)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApplication.RunAsync(args, new CliConsole(stdout, stderr, interactive), interrupt);
        return new CliInvocation(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary><c>run --root examples/FOLDER --file index.js --func FUNC</c> followed by <paramref name="more"/>.</summary>
    public static Task<CliInvocation> RunExampleAsync(string folder, string func, params string[] more) =>
        InvokeAsync(["run", "--root", Examples(folder), "--file", "index.js", "--func", func, .. more]);
}
