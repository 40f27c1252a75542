using System.Runtime.InteropServices;

namespace IsolatedRuntime.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation the commands can finish from — a bench still prints
/// its figures, with the unanswered runs counted as lost. A second signal ends the process as usual.
/// </summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _interrupted = new();
    private readonly PosixSignalRegistration[] _registrations;

    public InterruptSignal() =>
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];

    public CancellationToken Token => _interrupted.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _interrupted.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_interrupted.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _interrupted.Cancel();
    }
}
