namespace Midjourney.Sdk.Waiting;

/// <summary>
/// Shares one client's task updates with the other instances of the app (Midjourney.Sdk.Redis implements it). The tracker
/// publishes every new state it accepts from a callback or a status check, never one the backplane handed in, and always
/// outside its lock. <see cref="Publish"/> must not block and must not throw: a backplane that cannot reach its server
/// drops the update (the instance then works alone, as without a backplane).
/// </summary>
internal interface ITaskBackplane : IDisposable
{
    /// <summary>Sends a new state of a task to the other instances (fire and forget).</summary>
    void Publish(MidjourneyTask task);

    /// <summary>
    /// Takes or renews this instance's lease on checking <paramref name="taskId"/> for <paramref name="period"/>: true when
    /// this instance holds it now, or when nobody can tell (the server is unreachable: each instance then checks alone);
    /// false while another instance holds it (that instance checks, and its updates arrive through the backplane).
    /// </summary>
    ValueTask<bool> TryLeaseAsync(string taskId, TimeSpan period);

    /// <summary>Gives up the lease on a task that ended (fire and forget).</summary>
    void Release(string taskId);
}

/// <summary>
/// Registered in DI by a backplane package: the client factory asks it for one backplane per client it creates. Without a
/// registration, clients work alone.
/// </summary>
internal interface ITaskBackplaneFactory
{
    /// <summary>
    /// A backplane for the client named <paramref name="clientName"/> over <paramref name="provider"/>; it hands the other
    /// instances' updates to <paramref name="deliverRemote"/> (which applies them without publishing them again).
    /// </summary>
    ITaskBackplane Create(string clientName, MidjourneyProvider provider, Func<MidjourneyTask, bool> deliverRemote);
}
