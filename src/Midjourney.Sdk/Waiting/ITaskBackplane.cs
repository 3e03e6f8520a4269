namespace Midjourney.Sdk.Waiting;

/// <summary>
/// Shares one client's task updates with the other instances of the app (Midjourney.Sdk.Redis implements it). The tracker
/// publishes every new state it accepts from a callback or a status check, never one the backplane handed in, and always
/// outside its lock. <see cref="Publish"/> must not block and must not throw: a backplane that cannot reach its server
/// drops the update (the instance then works alone, as without a backplane).
/// </summary>
internal interface ITaskBackplane : IDisposable
{
    /// <summary>Connects in the background, once the tracker has attached it (it may then resume recorded tasks at once).</summary>
    void Start();

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

    /// <summary>
    /// Records that this instance tracks a task until <see cref="TrackedTaskRecord.Deadline"/> (fire and forget): the record
    /// is kept, with each new state <see cref="Publish"/> sends, until the task is final, so that tracking resumes after a
    /// restart (see <see cref="ITaskBackplaneHost.Resume"/>).
    /// </summary>
    void Track(TrackedTaskRecord record);
}

/// <summary>The side of a client's tracker a backplane talks to.</summary>
internal interface ITaskBackplaneHost
{
    /// <summary>Applies another instance's update without publishing it again; false when it is not news here.</summary>
    bool DeliverRemote(MidjourneyTask task);

    /// <summary>
    /// Tracks a task recorded by an instance that stopped (or by this one before a restart) until its deadline, with no
    /// waiter: the app's handlers get its new states. Nothing happens when the task is already tracked or known final.
    /// </summary>
    void Resume(TrackedTaskRecord record);
}

/// <summary>
/// Registered in DI by a backplane package: the client factory asks it for one backplane per client it creates. Without a
/// registration, clients work alone.
/// </summary>
internal interface ITaskBackplaneFactory
{
    /// <summary>
    /// A backplane for the client named <paramref name="clientName"/> over <paramref name="provider"/>; it hands the other
    /// instances' updates and the recorded tasks to resume to <paramref name="host"/>.
    /// </summary>
    ITaskBackplane Create(string clientName, MidjourneyProvider provider, ITaskBackplaneHost host);
}
