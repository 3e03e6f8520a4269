using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Midjourney.Sdk;
using Midjourney.Sdk.Redis;
using Midjourney.Sdk.Waiting;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Redis backplane to the Midjourney clients of a scaled-out app.</summary>
public static class MidjourneyRedisServiceCollectionExtensions
{
    /// <summary>
    /// Shares every verified task update (a callback or a status check) of each Midjourney client with the app's other
    /// instances through Redis pub/sub, so a callback that lands on one instance ends the waits and runs the task handlers
    /// on all of them; one instance at a time checks a task (a lease that another instance takes over when the holder
    /// stops); and the tasks being waited on are recorded, so that an instance that starts resumes tracking the unfinished
    /// ones and its task handlers receive their final states. In a hosted app the clients are created when the host starts;
    /// elsewhere, when first resolved. Clients with different names or providers never mix. While Redis is unreachable (at
    /// start or later) each instance works alone, as without the backplane, and it rejoins when Redis returns.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>localhost:6379</c>. The backplane
    /// connects in the background and never fails the app's start over it (<c>abortConnect=false</c>).</param>
    /// <returns>The service collection.</returns>
    /// <exception cref="ArgumentException"><paramref name="configuration"/> is empty or not a valid configuration string.</exception>
    public static IServiceCollection AddMidjourneyRedisBackplane(this IServiceCollection services, string configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or RedisConnectionException)
        {
            // The message may quote the string, which can hold a password: it is not repeated here.
            throw new ArgumentException("The Redis configuration string is not valid.", nameof(configuration));
        }

        // Never fail the start over Redis, and never queue commands while it is away: the backplane is an optimisation.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        return AddBackplane(services, sp => new RedisConnection(
            async () => await ConnectionMultiplexer.ConnectAsync(options.Clone()).ConfigureAwait(false),
            owned: true,
            Logger(sp)));
    }

    /// <summary>
    /// Shares every verified task update (a callback or a status check) of each Midjourney client with the app's other
    /// instances through Redis pub/sub, over a connection the app already has (it stays the app's: the backplane never
    /// closes it). Create it with <c>AbortOnConnectFail = false</c> so that the app starts while Redis is away; see
    /// <see cref="AddMidjourneyRedisBackplane(IServiceCollection, string)"/> for what the backplane does.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connection">Returns the app's connection; called once, in the background, when the first client is resolved.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMidjourneyRedisBackplane(this IServiceCollection services, Func<IServiceProvider, IConnectionMultiplexer> connection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connection);
        return AddBackplane(services, sp => new RedisConnection(() => Task.FromResult(connection(sp)), owned: false, Logger(sp)));
    }

    private static IServiceCollection AddBackplane(IServiceCollection services, Func<IServiceProvider, RedisConnection> connection)
    {
        services.AddOptions<MidjourneyRedisOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.Prefix), "MidjourneyRedisOptions.Prefix must not be empty.")
            .Validate(o => o.TaskRetention > TimeSpan.Zero && o.TaskRetention <= TimeSpan.FromDays(30), "MidjourneyRedisOptions.TaskRetention must be more than zero and at most 30 days.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MidjourneyClientStarter>());
        services.RemoveAll<RedisConnection>();
        services.AddSingleton(connection);
        services.TryAddSingleton<ITaskBackplaneFactory>(sp => new RedisTaskBackplaneFactory(
            sp.GetRequiredService<RedisConnection>(),
            sp.GetRequiredService<IOptions<MidjourneyRedisOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            Logger(sp)));
        return services;
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Midjourney.Sdk.Redis") ?? NullLogger.Instance;
}
