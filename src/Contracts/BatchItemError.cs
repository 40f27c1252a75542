namespace IsolatedRuntime.Contracts;

/// <summary>Why one batch item did not complete: the same fields a <see cref="RunFaulted"/> carries for a whole run.</summary>
public sealed record BatchItemError
{
    /// <summary>The class of failure.</summary>
    public RunErrorKind Kind { get; init; }

    /// <summary>The script's error name (<c>TypeError</c>, <c>Error</c>…) or the limit's name.</summary>
    public string ErrorName { get; init; } = "";

    /// <summary>What happened, naming the file, function or limit; never a host path.</summary>
    public string Message { get; init; } = "";

    /// <summary>Sandbox frames only, with root-relative file names.</summary>
    public string? Stack { get; init; }
}
