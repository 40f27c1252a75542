namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// Refuses sources nested too deeply to parse safely. Jint's parser has no nesting limit and overflows the native
/// stack (killing the process) on inputs such as 100,000 nested parentheses, so every source passes here first.
/// </summary>
internal static class SourceNestingGuard
{
    // Owner: Limits room. First version accepts everything; replaced by the real scan.

    /// <summary>Returns why <paramref name="source"/> may not be parsed, or null when it is safe to parse.</summary>
    public static string? FindProblem(string source)
    {
        _ = source;
        return null;
    }
}
