namespace IsolatedRuntime.Worker.Options;

/// <summary>The worker's settings: section <c>IsolatedRuntime</c> (environment: <c>IsolatedRuntime__CodeBase</c>…).</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "IsolatedRuntime";

    /// <summary>
    /// The folder that request roots and whitelisted paths are relative to; nothing outside it is ever loaded.
    /// Required, and must exist.
    /// </summary>
    public string? CodeBase { get; set; }

    /// <summary>This worker's name in answers, logs and metrics; by default the host name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>The queue the workers of one fleet share.</summary>
    public string QueueName { get; set; } = "isolated-runtime";

    /// <summary>
    /// The type of that queue and of its error queue: <see cref="QueueType.Auto"/> (quorum for a new queue, an existing
    /// queue keeps its type), <see cref="QueueType.Quorum"/> or <see cref="QueueType.Classic"/>. A queue's type cannot
    /// change in place (docs/operations.md, "Moving a classic queue to quorum").
    /// </summary>
    public QueueType QueueType { get; set; } = QueueType.Auto;

    /// <summary>Messages consumed at once; by default four per sandbox thread (the sandbox's maximum threads × 4).</summary>
    public int? ConcurrentMessageLimit { get; set; }

    /// <summary>Messages the broker may hand this worker before it acknowledges them; by default the concurrency.</summary>
    public int? PrefetchCount { get; set; }

    /// <summary>Largest total size of a request's inline <c>sources</c>, in UTF-8 bytes.</summary>
    public int MaxInlineSourceBytes { get; set; } = 1024 * 1024;

    /// <summary>Most inline <c>sources</c> files in one request.</summary>
    public int MaxInlineFiles { get; set; } = 256;

    /// <summary>Largest <c>args</c> of a request, as JSON text.</summary>
    public int MaxArgsBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest <c>context</c> of a request, as JSON text.</summary>
    public int MaxContextBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest request body, in bytes, that the worker reads at all. A bigger one is refused from its length before
    /// it is deserialized and moved to the error queue with the reason. By default twice the sum of
    /// <see cref="MaxInlineSourceBytes"/>, <see cref="MaxArgsBytes"/> and <see cref="MaxContextBytes"/> plus 1 MiB
    /// (7 MiB with the default caps): room for JSON escaping and the envelope.
    /// </summary>
    public int? MaxRequestBytes { get; set; }

    /// <summary>How long a stopping worker waits for the runs in flight before it exits anyway.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The result store: key prefix, time to live, claims.</summary>
    public ResultStoreOptions ResultStore { get; set; } = new();

    /// <summary>The request body cap in force: <see cref="MaxRequestBytes"/>, or its default.</summary>
    internal long EffectiveMaxRequestBytes =>
        MaxRequestBytes ?? (2L * ((long)MaxInlineSourceBytes + MaxArgsBytes + MaxContextBytes)) + (1024 * 1024);

    /// <summary>The worker id to use: <see cref="WorkerId"/>, or host name and process id.</summary>
    internal string EffectiveWorkerId =>
        string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : WorkerId;
}
