using System.Diagnostics;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>
/// The loopback server in a process of its own (this program with <c>--serve</c>), so its threads, allocations and
/// garbage collections stay out of the measured process: both columns still pay the same network round trip.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<ServerProcess> StartAsync()
    {
        string program = typeof(ServerProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { program, "--serve" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !Uri.TryCreate(line.Trim(), UriKind.Absolute, out Uri? baseUrl))
        {
            process.Kill();
            throw new InvalidOperationException($"The server process printed '{line}' instead of its address.");
        }

        return new ServerProcess(process, baseUrl);
    }

    /// <summary>The <c>--serve</c> mode: serve until standard input closes.</summary>
    public static async Task ServeAsync()
    {
        await using LoopbackServer server = await LoopbackServer.StartAsync();
        Console.WriteLine(server.BaseUrl);
        while (await Console.In.ReadLineAsync() is not null)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
