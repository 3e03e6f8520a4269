using Garnet;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>
/// A Redis-protocol server (Microsoft.Garnet) in the test process on 127.0.0.1, on a port of its own, with Lua enabled and
/// small memory. It can be stopped and started again on the same port (Redis going away and coming back). No static state:
/// each instance is a server of its own.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly object _gate = new();
    private GarnetServer? _server;

    /// <summary>A server on a free port, started unless <paramref name="start"/> is false (Redis down at the app's start).</summary>
    public EmbeddedGarnet(bool start = true)
    {
        Port = LoopbackPorts.Free();
        if (start)
        {
            Start();
        }
    }

    public int Port { get; private set; }

    /// <summary>A StackExchange.Redis configuration string for this server; short timeouts, so a test of an outage stays short.</summary>
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=1000,syncTimeout=2000,asyncTimeout=2000";

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _server is not null;
            }
        }
    }

    /// <summary>Starts the server (on the same port as before, when it ran before).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_server is not null)
            {
                return;
            }

            // The port is free again as soon as the previous server is disposed (.NET binds listeners with SO_REUSEADDR on
            // Unix; 60 stop/start cycles with a client connected never found it held), so one attempt is enough.
            var server = new GarnetServer(["--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true", "-q", "--memory", "64m", "--index", "1m"]);
            try
            {
                server.Start();
            }
            catch
            {
                server.Dispose();
                throw;
            }

            _server = server;
        }
    }

    /// <summary>Stops the server: every connection to it drops.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _server?.Dispose();
            _server = null;
        }
    }

    public void Dispose() => Stop();
}

/// <summary>One <see cref="EmbeddedGarnet"/> per test class (xUnit class fixture).</summary>
public sealed class GarnetFixture : IDisposable
{
    public EmbeddedGarnet Garnet { get; } = new();

    public void Dispose() => Garnet.Dispose();
}
