namespace IsolatedRuntime.Contracts;

/// <summary>
/// Asks the fleet to cancel a run by its correlation id. Published to every worker: a run not started yet is never
/// started, a running one is interrupted; either is answered <see cref="RunErrorKind.Canceled"/>, and that outcome is
/// stored so that a redelivery does not run it again. Canceling a run that already has an outcome changes nothing.
/// </summary>
public sealed record CancelRun
{
    /// <summary>The correlation id of the run to cancel.</summary>
    public Guid CorrelationId { get; init; }
}
