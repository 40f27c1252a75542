namespace IsolatedRuntime.Protocol.Results;

/// <summary>Reads stored outcomes by correlation id: Redis for a fleet, the in-process store when embedded.</summary>
public interface IRunResultReader
{
    /// <summary>The stored answer to <paramref name="correlationId"/>, or null while it is unknown (not run yet,
    /// still running, expired, or a fault that is never stored).</summary>
    Task<RunReply?> GetAsync(Guid correlationId, CancellationToken cancellationToken = default);
}
