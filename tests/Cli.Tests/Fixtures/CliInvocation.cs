namespace IsolatedRuntime.Cli.Tests.Fixtures;

/// <summary>What one invocation of the command line printed and returned.</summary>
internal sealed record CliInvocation(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into lines, without the empty line after the last newline.</summary>
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
