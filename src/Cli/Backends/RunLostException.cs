namespace IsolatedRuntime.Cli.Backends;

/// <summary>A run got no answer: neither completed nor faulted. The bench counts it as lost.</summary>
internal sealed class RunLostException : Exception
{
    public RunLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
