namespace IsolatedRuntime.Cli.Bench;

/// <summary>One part of a bench as the progress display shows it: a label, what it records, and how to run it.</summary>
internal sealed record BenchPhase(string Label, BenchRecorder Recorder, Func<Task> RunAsync);
