namespace IsolatedRuntime.Contracts;

/// <summary>One line a run wrote through <c>console</c>.</summary>
/// <param name="Level">The console method used: <c>log</c>, <c>info</c>, <c>warn</c>, <c>error</c> or <c>debug</c>.</param>
/// <param name="Message">The formatted line, as Node's console would print it.</param>
public sealed record ConsoleEntry(string Level, string Message);
