using System.Text.Json;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Waiting;
using StackExchange.Redis;

namespace Midjourney.Sdk.Redis;

/// <summary>
/// One client's share of the Redis backplane: publishes the client's new task states on its channel (fire and forget) and
/// hands the other instances' ones to the client's tracker. While Redis is unreachable, publishing is skipped and a warning
/// logged once per outage; StackExchange.Redis reconnects and subscribes again by itself, and the instance rejoins. It
/// also records the tasks the client tracks (<see cref="TaskRecords"/>) and, once connected, resumes the unfinished ones.
/// </summary>
internal sealed class RedisTaskBackplane : ITaskBackplane
{
    private readonly RedisConnection _connection;
    private readonly RedisChannel _channel;
    private readonly string _leaseKeyPrefix;
    private readonly string _clientName;
    private readonly MidjourneyProvider _provider;
    private readonly ITaskBackplaneHost _host;
    private readonly TaskRecords _records;
    private readonly ILogger _logger;
    private readonly object _subscribing = new();
    private ChannelMessageQueue? _queue;
    private IConnectionMultiplexer? _multiplexer;
    private int _alone;
    private int _resumed;
    private TaskCompletionSource _aloneChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;
    private int _stopping;
    private int _leasesInFlight;
    private readonly TaskCompletionSource _leasesSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    public RedisTaskBackplane(RedisConnection connection, RedisChannel channel, string leaseKeyPrefix, TaskRecords records, string clientName, MidjourneyProvider provider, ITaskBackplaneHost host, ILogger logger)
    {
        _connection = connection;
        _channel = channel;
        _leaseKeyPrefix = leaseKeyPrefix;
        _records = records;
        _clientName = clientName;
        _provider = provider;
        _host = host;
        _logger = logger;
    }

    /// <summary>
    /// Completes when the first subscribe attempt, and when it connected the resumption of the recorded tasks, have ended,
    /// whatever their outcome (for tests).
    /// </summary>
    internal Task Started { get; private set; } = Task.CompletedTask;

    /// <summary>True while Redis is known to be unreachable (for tests).</summary>
    internal bool IsAlone => Volatile.Read(ref _alone) == 1;

    /// <summary>The database of the backplane's own connection, once connected (for tests: a command sent on it runs after the backplane's).</summary>
    internal IDatabase? Database => Volatile.Read(ref _multiplexer)?.GetDatabase();

    /// <summary>Completes at the next change of <see cref="IsAlone"/> (for tests, which wait for it instead of polling).</summary>
    internal Task WhenAloneChangedAsync() => Volatile.Read(ref _aloneChanged).Task;

    /// <summary>This instance's id, the value of the leases it holds (for tests).</summary>
    internal string InstanceId => _connection.InstanceId;

    /// <summary>The tasks this client records (for tests).</summary>
    internal TaskRecords Records => _records;

    public void Start() => Started = Task.Run(StartAsync);

    public void Publish(MidjourneyTask task)
    {
        IConnectionMultiplexer? multiplexer = Volatile.Read(ref _multiplexer);
        if (multiplexer is null || Volatile.Read(ref _disposed) == 1)
        {
            // Not connected yet (or never): this instance has the update; the others check on their own.
            return;
        }

        if (!multiplexer.IsConnected)
        {
            _records.Update(null, task);
            WorkingAlone("not connected");
            return;
        }

        try
        {
            // The record first: both go out in order on one connection, so whoever hears the update finds it recorded.
            _records.Update(multiplexer.GetDatabase(), task);
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(TaskMessage.From(task, _connection.InstanceId), RedisJsonContext.Default.TaskMessage);
            multiplexer.GetSubscriber().Publish(_channel, body, CommandFlags.FireAndForget);
        }
        catch (Exception ex)
        {
            WorkingAlone(ex.GetType().Name);
        }
    }

    /// <summary>
    /// Takes the lease (<c>SET key instance NX PX period</c>) or, when it is this instance's, renews it (compare and expire:
    /// StackExchange.Redis's lock primitives, a transaction or <c>SET IFEQ</c> where the server has it). Once the host
    /// stops (<see cref="ReleaseLeasesAsync"/>) it takes nothing, so the other instances take over at their next check.
    /// </summary>
    public async ValueTask<bool> TryLeaseAsync(string taskId, TimeSpan period)
    {
        Interlocked.Increment(ref _leasesInFlight);
        try
        {
            IConnectionMultiplexer? multiplexer = Volatile.Read(ref _multiplexer);
            if (multiplexer is null || Volatile.Read(ref _disposed) == 1 || Volatile.Read(ref _stopping) == 1 || !multiplexer.IsConnected)
            {
                return true; // nobody can tell, or leaving: check alone
            }

            IDatabase db = multiplexer.GetDatabase();
            RedisKey key = _leaseKeyPrefix + taskId;
            if (await db.LockTakeAsync(key, _connection.InstanceId, period).ConfigureAwait(false)
                || await db.LockExtendAsync(key, _connection.InstanceId, period).ConfigureAwait(false))
            {
                _held[taskId] = 0;
                return true;
            }

            _held.TryRemove(taskId, out _);
            return false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            WorkingAlone(ex.GetType().Name);
            return true;
        }
        finally
        {
            if (Interlocked.Decrement(ref _leasesInFlight) == 0 && Volatile.Read(ref _stopping) == 1)
            {
                _leasesSettled.TrySetResult();
            }
        }
    }

    /// <summary>
    /// The host is stopping: gives up the leases this instance holds on tasks still being waited on (only where they are
    /// still its own), so another instance waiting on them takes over at its next check, not a lease period later. Takes
    /// no lease after this. Waits for lease calls in flight first, so none of them takes a lease back afterwards.
    /// </summary>
    public async Task ReleaseLeasesAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }

        int count = 0;
        try
        {
            if (Volatile.Read(ref _leasesInFlight) > 0)
            {
                await _leasesSettled.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            string[] held = [.. _held.Keys];
            _held.Clear();
            count = held.Length;
            IConnectionMultiplexer? multiplexer = Volatile.Read(ref _multiplexer);
            if (held.Length == 0 || multiplexer is not { IsConnected: true })
            {
                return; // nothing to give up, or they expire by themselves
            }

            IDatabase db = multiplexer.GetDatabase();
            await Task.WhenAll(held.Select(id => db.LockReleaseAsync(_leaseKeyPrefix + id, _connection.InstanceId))).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Best effort, also fire and forget from Dispose: whatever went wrong, the leases expire by themselves.
            Log.LeasesNotReleased(_logger, _clientName, _provider, count, ex.GetType().Name);
        }
    }

    public void Release(string taskId)
    {
        IConnectionMultiplexer? multiplexer = Volatile.Read(ref _multiplexer);
        if (multiplexer is null || Volatile.Read(ref _disposed) == 1 || !multiplexer.IsConnected)
        {
            return;
        }

        try
        {
            // The task ended: nobody needs to check it again, so whoever holds the lease, it can go.
            _held.TryRemove(taskId, out _);
            multiplexer.GetDatabase().KeyDelete(_leaseKeyPrefix + taskId, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            WorkingAlone(ex.GetType().Name);
        }
    }

    public void Track(TrackedTaskRecord record)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        IConnectionMultiplexer? multiplexer = Volatile.Read(ref _multiplexer);
        if (multiplexer is not { IsConnected: true })
        {
            _records.Track(null, record); // written when Redis is reached
            return;
        }

        try
        {
            _records.Track(multiplexer.GetDatabase(), record);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            WorkingAlone(ex.GetType().Name);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Disposed without the host stopping first (where the leases were given up): give them up now, best effort.
        _ = ReleaseLeasesAsync(CancellationToken.None);
        if (Volatile.Read(ref _multiplexer) is { } multiplexer)
        {
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
            try
            {
                Interlocked.Exchange(ref _queue, null)?.Unsubscribe(CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                // Gone with the connection.
            }
        }
    }

    private async Task StartAsync()
    {
        IConnectionMultiplexer? multiplexer;
        try
        {
            multiplexer = await _connection.GetAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        if (multiplexer is null)
        {
            WorkingAlone("no connection");
            return;
        }

        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        Volatile.Write(ref _multiplexer, multiplexer);
        if (Volatile.Read(ref _disposed) == 1)
        {
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
            return;
        }

        if (!multiplexer.IsConnected)
        {
            WorkingAlone("not connected");
        }

        if (!await SubscribeAsync(multiplexer).ConfigureAwait(false))
        {
            return; // subscribed, and the records resumed, when Redis is reached (OnConnectionRestored)
        }

        await ResumeAsync(multiplexer).ConfigureAwait(false);
    }

    /// <summary>
    /// Subscribes to the client's channel once, as an ordered queue: StackExchange.Redis runs plain subscription handlers
    /// concurrently, so a task's progress could be handled after its final state there (and then dropped as older). Kept
    /// by StackExchange.Redis across reconnects once made; false when Redis could not be reached for it (tried again when
    /// the connection is restored).
    /// </summary>
    private async Task<bool> SubscribeAsync(IConnectionMultiplexer multiplexer)
    {
        if (Volatile.Read(ref _queue) is not null)
        {
            return true;
        }

        ChannelMessageQueue queue;
        try
        {
            queue = await multiplexer.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            WorkingAlone(ex.GetType().Name);
            return false;
        }

        lock (_subscribing)
        {
            if (_queue is not null || Volatile.Read(ref _disposed) == 1)
            {
                queue.Unsubscribe(CommandFlags.FireAndForget); // another attempt won, or the backplane is gone
                return _queue is not null;
            }

            _queue = queue;
        }

        queue.OnMessage(message => OnMessage(message.Channel, message.Message));
        return true;
    }

    /// <summary>
    /// Once per instance, when Redis is first reached: writes what was recorded while it was away, then resumes tracking
    /// the client's unfinished recorded tasks (submitted before a restart, or by an instance that stopped).
    /// </summary>
    private async Task ResumeAsync(IConnectionMultiplexer multiplexer)
    {
        if (Volatile.Read(ref _disposed) == 1 || !multiplexer.IsConnected || Interlocked.Exchange(ref _resumed, 1) == 1)
        {
            return;
        }

        try
        {
            IDatabase db = multiplexer.GetDatabase();
            _records.WriteAll(db);
            int resumed = await _records.ResumeAsync(db, _host.Resume).ConfigureAwait(false);
            if (resumed > 0)
            {
                Log.Resumed(_logger, _clientName, _provider, resumed);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Volatile.Write(ref _resumed, 0); // tried again when Redis returns
            WorkingAlone(ex.GetType().Name);
        }
    }

    private async Task SubscribeThenResumeAsync(IConnectionMultiplexer multiplexer)
    {
        if (await SubscribeAsync(multiplexer).ConfigureAwait(false))
        {
            await ResumeAsync(multiplexer).ConfigureAwait(false);
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        TaskMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)value).Span, RedisJsonContext.Default.TaskMessage);
        }
        catch (JsonException ex)
        {
            Log.MessageUnreadable(_logger, channel.ToString(), ex.Message);
            return;
        }

        if (message is null || message.Instance == _connection.InstanceId)
        {
            return; // this instance's own update, back from Redis
        }

        MidjourneyTask task = message.ToTask(_provider);
        _host.DeliverRemote(task);
        if (TaskWaiter.Ends(task) && Volatile.Read(ref _multiplexer) is { IsConnected: true } multiplexer)
        {
            // Another instance saw it end (a callback there): the record of a task tracked here is closed from here.
            _records.Update(multiplexer.GetDatabase(), task);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => WorkingAlone(e.FailureType.ToString());

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (Volatile.Read(ref _multiplexer) is not { IsConnected: true } multiplexer || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        if (Volatile.Read(ref _queue) is null || Volatile.Read(ref _resumed) == 0)
        {
            _ = SubscribeThenResumeAsync(multiplexer);
        }
        else
        {
            try
            {
                // What this instance tracked while Redis was away is kept from now on, for a restart to resume.
                _records.WriteAll(multiplexer.GetDatabase());
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                WorkingAlone(ex.GetType().Name);
                return;
            }
        }

        // After the records went out: a command sent on this connection once it rejoined finds them.
        if (Interlocked.Exchange(ref _alone, 0) == 1)
        {
            Log.Rejoined(_logger, _clientName, _provider);
            SignalAloneChanged();
        }
    }

    private void SignalAloneChanged() =>
        Interlocked.Exchange(ref _aloneChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private void WorkingAlone(string reason)
    {
        if (Volatile.Read(ref _disposed) == 0 && Interlocked.Exchange(ref _alone, 1) == 0)
        {
            Log.WorkingAlone(_logger, _clientName, _provider, reason);
            SignalAloneChanged();
        }
    }
}
