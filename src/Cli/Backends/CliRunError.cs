using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Cli.Backends;

/// <summary>Why a run faulted, whichever backend ran it.</summary>
internal sealed record CliRunError(RunErrorKind Kind, string Name, string Message, string? Stack);
