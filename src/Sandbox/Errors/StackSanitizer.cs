namespace IsolatedRuntime.Sandbox.Errors;

/// <summary>
/// Reduces an engine stack trace to the frames of the run's own scripts: sandbox bootstrap frames are dropped, and
/// anything that still looks like a host path is cut down to its file name, so a stack never reveals where the code
/// lives on the worker.
/// </summary>
internal static class StackSanitizer
{
    /// <summary>Source names of scripts the sandbox itself runs start with this; their frames are never shown.</summary>
    public const string InternalSourcePrefix = "sandbox:";

    internal const string FramePrefix = "    at ";

    // Like Node's Error.stackTraceLimit, but a little deeper: enough for real call chains, bounded for recursion.
    internal const int MaxFrames = 20;

    /// <summary>Returns the kept frames, one per line, or null when none is left.</summary>
    /// <param name="frames">Jint's stack text: lines such as <c>at fn (file.js:3:9)</c>.</param>
    /// <param name="hostRoot">The run's host root, stripped from any frame that names it.</param>
    public static string? Sanitize(string? frames, string? hostRoot)
    {
        if (string.IsNullOrWhiteSpace(frames))
        {
            return null;
        }

        var kept = new List<string>();
        foreach (var raw in frames.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.StartsWith("at ") && SanitizeFrame(line[3..].ToString(), hostRoot) is { } frame)
            {
                kept.Add(frame);
            }
        }

        // The engine closes every stack entered from the host with a nameless frame at the called function itself;
        // it is where the sandbox called in, not a place in the user's code.
        if (kept.Count > 1 && !kept[^1].EndsWith(')'))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        if (kept.Count == 0)
        {
            return null;
        }

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < kept.Count && i < MaxFrames; i++)
        {
            text.Append(i == 0 ? "" : "\n").Append(FramePrefix).Append(kept[i]);
        }

        return text.ToString();
    }

    private static string? SanitizeFrame(string frame, string? hostRoot)
    {
        // "fn (file:line:col)" or "file:line:col"
        var open = frame.LastIndexOf(" (", StringComparison.Ordinal);
        var hasName = open >= 0 && frame.EndsWith(')');
        var location = hasName ? frame[(open + 2)..^1] : frame;
        if (location.StartsWith(InternalSourcePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var cleaned = CleanLocation(location, hostRoot);
        return hasName ? frame[..open] + " (" + cleaned + ")" : cleaned;
    }

    /// <summary>Rewrites a frame location (<c>file:line:col</c>) so it names no host folder.</summary>
    public static string CleanLocation(string location, string? hostRoot)
    {
        if (hostRoot is not null && hostRoot.Length > 0 && location.StartsWith(hostRoot, StringComparison.Ordinal))
        {
            location = location[hostRoot.Length..].TrimStart('/', '\\');
        }

        if (!LooksLikeHostPath(location))
        {
            return location;
        }

        var lastSeparator = location.LastIndexOfAny(['/', '\\']);
        return location[(lastSeparator + 1)..];
    }

    private static bool LooksLikeHostPath(string location) =>
        location.StartsWith('/') ||
        location.Contains('\\', StringComparison.Ordinal) ||
        (location.Length > 2 && char.IsAsciiLetter(location[0]) && location[1] == ':' && location[2] is '/' or '\\');
}
