using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>What a run through <see cref="LoaderHarness"/> produced: a JSON result, or a fault.</summary>
internal sealed record LoaderOutcome(string? ResultJson, RunErrorKind? Kind, string? Name, string? Message, string? Stack)
{
    public bool IsCompleted => Kind is null;

    public static LoaderOutcome Completed(string? json) => new(json, null, null, null, null);

    public static LoaderOutcome Faulted(RunErrorKind kind, string? name, string? message, string? stack = null) =>
        new(null, kind, name, message, stack);

    public override string ToString() =>
        IsCompleted ? $"Completed: {ResultJson}" : $"{Kind} {Name}: {Message}\n{Stack}";
}
