using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Midjourney.Sdk.Waiting;

namespace Midjourney.Sdk.Redis;

/// <summary>
/// Creates every registered Midjourney client when the host starts, so that each connects its backplane and resumes the
/// tasks recorded before a restart at once, not when the app first happens to resolve the client. When the host stops, the
/// backplanes give up their polling leases, so another instance waiting on the same tasks takes over at its next check.
/// </summary>
internal sealed class MidjourneyClientStarter(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (string name in services.GetServices<MidjourneyClientName>().Select(n => n.Name).Distinct(StringComparer.Ordinal))
        {
            _ = name.Length == 0 ? services.GetService<IMidjourneyClient>() : services.GetKeyedService<IMidjourneyClient>(name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        services.GetService<ITaskBackplaneFactory>() is RedisTaskBackplaneFactory factory ? factory.ReleaseLeasesAsync(cancellationToken) : Task.CompletedTask;
}
