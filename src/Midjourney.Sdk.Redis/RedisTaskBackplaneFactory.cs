using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Waiting;
using StackExchange.Redis;

namespace Midjourney.Sdk.Redis;

/// <summary>One backplane per client the DI container creates, on the channel of the client's name and provider.</summary>
internal sealed class RedisTaskBackplaneFactory(RedisConnection connection, MidjourneyRedisOptions options, TimeProvider time, ILogger logger) : ITaskBackplaneFactory
{
    // One per client, and clients are singletons: the list stays as small as the app's registrations.
    private readonly List<RedisTaskBackplane> _created = [];

    public ITaskBackplane Create(string clientName, MidjourneyProvider provider, ITaskBackplaneHost host)
    {
        var records = new TaskRecords(
            TaskKeyPrefix(options.Prefix, clientName, provider), TrackedIndexKey(options.Prefix, clientName, provider), clientName, provider, options.TaskRetention, connection.InstanceId, time, logger);
        var backplane = new RedisTaskBackplane(
            connection, Channel(options.Prefix, clientName, provider), LeaseKeyPrefix(options.Prefix, clientName, provider), records, clientName, provider, host, logger);
        lock (_created)
        {
            _created.Add(backplane);
        }

        return backplane;
    }

    /// <summary>The host is stopping: every backplane gives up the leases it holds (see <see cref="RedisTaskBackplane.ReleaseLeasesAsync"/>).</summary>
    public Task ReleaseLeasesAsync(CancellationToken cancellationToken)
    {
        RedisTaskBackplane[] created;
        lock (_created)
        {
            created = [.. _created];
        }

        return Task.WhenAll(created.Select(backplane => backplane.ReleaseLeasesAsync(cancellationToken)));
    }

    /// <summary>
    /// <c>{prefix}:tasks:{provider}:{client name}</c>: the provider's name has no colon, so two clients share a channel only
    /// when prefix, provider and name all match (the default client's name is empty).
    /// </summary>
    internal static RedisChannel Channel(string prefix, string clientName, MidjourneyProvider provider) =>
        RedisChannel.Literal($"{prefix}:tasks:{provider}:{clientName}");

    /// <summary>
    /// <c>{prefix}:lease:{provider}:{length of the name}:{client name}:</c>, followed by the task id: the length keeps a name
    /// with a colon from reading as another name and task.
    /// </summary>
    internal static string LeaseKeyPrefix(string prefix, string clientName, MidjourneyProvider provider) => $"{prefix}:lease:{Client(clientName, provider)}:";

    /// <summary><c>{prefix}:task:{provider}:{length of the name}:{client name}:</c>, followed by the task id: a tracked task's record.</summary>
    internal static string TaskKeyPrefix(string prefix, string clientName, MidjourneyProvider provider) => $"{prefix}:task:{Client(clientName, provider)}:";

    /// <summary><c>{prefix}:tracked:{provider}:{length of the name}:{client name}</c>: the ids of the client's unfinished recorded tasks.</summary>
    internal static string TrackedIndexKey(string prefix, string clientName, MidjourneyProvider provider) => $"{prefix}:tracked:{Client(clientName, provider)}";

    private static string Client(string clientName, MidjourneyProvider provider) =>
        $"{provider}:{clientName.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{clientName}";
}
