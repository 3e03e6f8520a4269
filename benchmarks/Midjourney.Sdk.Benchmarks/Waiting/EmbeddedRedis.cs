using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Garnet;

namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>A Redis-protocol server (Microsoft.Garnet) in this process on 127.0.0.1, so the run needs no Redis installed.</summary>
internal sealed class EmbeddedRedis : IDisposable
{
    private readonly GarnetServer _server;

    public EmbeddedRedis()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _server = new GarnetServer(["--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "-q", "--memory", "64m", "--index", "1m"]);
        _server.Start();
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public void Dispose() => _server.Dispose();
}
