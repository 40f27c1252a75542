using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox;

/// <summary>Why a run faulted.</summary>
/// <param name="Kind">The class of failure; decides whether a retry can help.</param>
/// <param name="Name">The script's error name (<c>TypeError</c>…) or the limit's name (<c>TimeoutError</c>…).</param>
/// <param name="Message">What happened, naming the file, function or limit; never a host path.</param>
/// <param name="Stack">Sandbox frames with root-relative file names, or null when no script frame applies.</param>
public sealed record RunError(RunErrorKind Kind, string Name, string Message, string? Stack);
