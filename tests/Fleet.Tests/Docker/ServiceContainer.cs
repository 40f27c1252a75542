using System.Globalization;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// One container of a compose service, as <c>docker inspect</c> saw it: its id, name, status (running, exited…),
/// health (healthy, unhealthy, starting, or none without a health check), restarts by its restart policy, main
/// process on the engine's host (0 when not running) and last exit code.
/// </summary>
public sealed record ServiceContainer(string Id, string Name, string Status, string Health, int RestartCount, int ProcessId, int ExitCode)
{
    /// <summary>Parses the line of <c>docker inspect --format "{{.Id}} {{.Name}} {{.State.Status}} …"</c>.</summary>
    public static ServiceContainer Parse(string line)
    {
        var fields = line.Split(' ');
        int Number(int index) => int.Parse(fields[index], CultureInfo.InvariantCulture);
        return new ServiceContainer(fields[0], fields[1].TrimStart('/'), fields[2], fields[3], Number(4), Number(5), Number(6));
    }
}
