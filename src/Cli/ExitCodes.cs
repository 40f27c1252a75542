namespace IsolatedRuntime.Cli;

/// <summary>What the process tells its caller.</summary>
internal static class ExitCodes
{
    /// <summary>The run completed (bench: every run completed).</summary>
    public const int Completed = 0;

    /// <summary>The run faulted (bench: at least one run faulted or got no answer).</summary>
    public const int Faulted = 1;

    /// <summary>The command line could not be understood: nothing was run.</summary>
    public const int Usage = 2;
}
