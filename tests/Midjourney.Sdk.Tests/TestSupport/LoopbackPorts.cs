using System.Net;
using System.Net.Sockets;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>Loopback addresses for tests of connection failures.</summary>
public static class LoopbackPorts
{
    /// <summary>A loopback URL where nothing listens (a port that was just bound and released): connecting is refused.</summary>
    public static Uri Closed(string path = "/base")
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}{path}");
    }
}
