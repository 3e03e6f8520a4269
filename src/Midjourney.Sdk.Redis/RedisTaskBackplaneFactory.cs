using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Waiting;
using StackExchange.Redis;

namespace Midjourney.Sdk.Redis;

/// <summary>One backplane per client the DI container creates, on the channel of the client's name and provider.</summary>
internal sealed class RedisTaskBackplaneFactory(RedisConnection connection, MidjourneyRedisOptions options, ILogger logger) : ITaskBackplaneFactory
{
    public ITaskBackplane Create(string clientName, MidjourneyProvider provider, Func<MidjourneyTask, bool> deliverRemote)
    {
        var backplane = new RedisTaskBackplane(
            connection, Channel(options.Prefix, clientName, provider), LeaseKeyPrefix(options.Prefix, clientName, provider), clientName, provider, deliverRemote, logger);
        backplane.Start();
        return backplane;
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
    internal static string LeaseKeyPrefix(string prefix, string clientName, MidjourneyProvider provider) =>
        $"{prefix}:lease:{provider}:{clientName.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{clientName}:";
}
