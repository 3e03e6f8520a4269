using Microsoft.Extensions.Hosting;

namespace Midjourney.Sdk.Emulator.Hosting;

/// <summary>
/// Replaces the console lifetime: an emulator inside a test run must not swallow the process's Ctrl+C or SIGTERM.
/// The program mode handles those signals itself.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
