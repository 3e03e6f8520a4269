using System.Net;
using System.Net.Sockets;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>Loopback ports: where nothing listens (tests of connection failures), or free to listen on.</summary>
public static class LoopbackPorts
{
    /// <summary>A loopback URL where nothing listens (a port that was just bound and released): connecting is refused.</summary>
    public static Uri Closed(string path = "/base") => new($"http://127.0.0.1:{Free()}{path}");

    /// <summary>A loopback port that was just bound and released, so it is free unless something takes it meanwhile.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
