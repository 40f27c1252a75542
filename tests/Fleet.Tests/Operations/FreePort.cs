using System.Net;
using System.Net.Sockets;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Loopback ports for the tests' endpoints, and for services that are deliberately not there.</summary>
internal static class FreePort
{
    /// <summary>A port nothing listens on right now (the OS picked it and it was released).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
