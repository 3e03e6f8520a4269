using System.Diagnostics;
using Midjourney.Sdk.Emulator;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>
/// Several app instances as Kestrel apps on 127.0.0.1 against one emulator (GoAPI, polling, 3 s tasks) and one embedded
/// Garnet: two instances waiting on one task cost about one instance's status requests; an instance stopped mid-wait is
/// taken over; an instance that starts after another stopped (a restart) resumes its recorded task and hands the final
/// state to its handler, with nobody waiting; and what is kept in Redis holds no secret. Real time.
/// </summary>
public sealed class RedisScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly EmbeddedGarnet _garnet = new();
    private MidjourneyEmulator _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(3) });

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _garnet.Dispose();
    }

    private Task<PollingApp> StartAppAsync() => PollingApp.StartAsync(_emulator, _garnet.Configuration);

    private static string RecordKey(string taskId) => RedisTaskBackplaneKeys.Task(taskId);

    [Fact]
    public async Task TwoInstancesWaitingOnOneTask_MakeAboutOneInstancesStatusRequests()
    {
        await using PollingApp a = await StartAppAsync();
        await using PollingApp b = await StartAppAsync();
        MidjourneyTask task = await a.Client.ImagineAsync(new ImagineRequest("a harbour at dawn"));

        MidjourneyTask[] ended = await Task.WhenAll(a.Client.WaitForCompletionAsync(task.Id), b.Client.WaitForCompletionAsync(task.Id)).WaitAsync(Limit);

        output.WriteLine($"Status requests for one 3 s task waited on by two instances: A {a.Counter.Count}, B {b.Counter.Count}.");
        Assert.All(ended, t => Assert.Equal(MidjourneyTaskStatus.Succeeded, t.Status));
        // One holds the lease and polls; the other makes at most its first check (and, if a check of the holder's came late
        // on a loaded machine, one more after taking the lease over). Without the lease each would poll the whole time.
        Assert.True(Math.Min(a.Counter.Count, b.Counter.Count) <= 2, $"A {a.Counter.Count}, B {b.Counter.Count}: both polled");
    }

    [Fact]
    public async Task AnInstanceStoppedMidWait_IsTakenOver_AndTheOtherWaitEnds()
    {
        PollingApp a = await StartAppAsync();
        await using PollingApp b = await StartAppAsync();
        MidjourneyTask task = await a.Client.ImagineAsync(new ImagineRequest("a harbour at dawn"));
        Task<MidjourneyTask> onA = a.Client.WaitForCompletionAsync(task.Id);
        await a.Counter.AtLeastAsync(1, Limit); // A checks first, so A holds the lease
        Task<MidjourneyTask> onB = b.Client.WaitForCompletionAsync(task.Id);
        string holder = a.Backplane.InstanceId;

        await a.DisposeAsync(); // the holder stops mid-wait: its host gives the lease up as it stops
        var real = Stopwatch.StartNew();
        string? leaseAfterStop = await b.Backplane.Database!.StringGetAsync(RedisTaskBackplaneKeys.Lease(task.Id));
        MidjourneyTask ended = await onB.WaitAsync(Limit);

        Assert.NotEqual(holder, leaseAfterStop); // gone (or already B's): B need not wait for it to expire

        output.WriteLine($"B ended its wait {real.ElapsedMilliseconds} ms after A stopped, with {b.Counter.Count} status requests.");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => onA.WaitAsync(Limit));
        Assert.Equal(MidjourneyTaskStatus.Succeeded, ended.Status);
        Assert.True(b.Counter.Count >= 1);
    }

    [Fact]
    public async Task ARestartedInstance_ResumesTheRecordedTask_AndItsHandlerGetsTheFinalState()
    {
        PollingApp before = await StartAppAsync();
        MidjourneyTask task = await before.Client.ImagineAsync(new ImagineRequest("a harbour at dawn"));
        Task<MidjourneyTask> waiting = before.Client.WaitForCompletionAsync(task.Id);
        using ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(_garnet.Configuration);
        IDatabase db = redis.GetDatabase();
        await before.Counter.AtLeastAsync(1, Limit);
        Assert.True(await before.Backplane.Database!.KeyExistsAsync(RecordKey(task.Id))); // sent on the backplane's connection, after its record
        await before.DisposeAsync(); // stops mid-wait, before the task ends
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Limit));

        // What the instance publishes when it sees the task end (its record is closed first, on the same connection).
        var published = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var arrived = new TestSupport.Pulse();
        await redis.GetSubscriber().SubscribeAsync(
            Sdk.Redis.RedisTaskBackplaneFactory.Channel(MidjourneyRedisOptions.DefaultPrefix, "", MidjourneyProvider.GoApi),
            (_, value) => { published.Enqueue(value.ToString()); arrived.Signal(); });

        // The instance comes back: nobody resolves its client or waits; the host creates the client, which resumes the task.
        await using PollingApp after = await StartAppAsync();
        await after.Handler.WaitUntilAsync(seen => seen.Any(t => t.Id == task.Id && t.Status == MidjourneyTaskStatus.Succeeded)).WaitAsync(Limit);

        Assert.True(after.Counter.Count >= 1);
        Assert.Contains(after.Web.SdkLogs, e => e.Message.Contains("resumed tracking 1 unfinished task", StringComparison.Ordinal));

        // The final state closes the record before it is published: out of the index, expiring.
        await arrived.WaitUntilAsync(() => published.Any(m => m.Contains(task.Id, StringComparison.Ordinal) && m.Contains("\"Succeeded\"", StringComparison.Ordinal)), Limit, "The final state published");
        Assert.Null(await db.SortedSetScoreAsync(RedisTaskBackplaneKeys.Index, task.Id));
        TimeSpan? ttl = await db.KeyTimeToLiveAsync(RecordKey(task.Id));
        Assert.True(ttl is { } left && left <= TimeSpan.FromHours(1), $"TTL {ttl}");
    }

    [Fact]
    public async Task WhatIsKeptInRedis_NamesTheTask_AndHoldsNoSecret()
    {
        await using PollingApp a = await StartAppAsync();
        MidjourneyTask task = await a.Client.ImagineAsync(new ImagineRequest("a harbour at dawn"));
        Task<MidjourneyTask> waiting = a.Client.WaitForCompletionAsync(task.Id);
        using ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(_garnet.Configuration);
        IDatabase db = redis.GetDatabase();
        Assert.True(await a.Backplane.Database!.KeyExistsAsync(RecordKey(task.Id))); // sent on the backplane's connection, after its record

        HashEntry[] record = await db.HashGetAllAsync(RecordKey(task.Id));
        var fields = record.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.Equal("", fields["client"]);
        Assert.Equal("GoApi", fields["provider"]);
        Assert.Equal(task.Id, fields["id"]);
        Assert.True(DateTimeOffset.Parse(fields["deadline"], System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
        Assert.True(fields.ContainsKey("submittedAt"));
        Assert.NotNull(await db.SortedSetScoreAsync(RedisTaskBackplaneKeys.Index, task.Id));
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await waiting.WaitAsync(Limit)).Status);

        // Every key and value the backplane wrote: no API key anywhere.
        IServer server = redis.GetServer(redis.GetEndPoints()[0]);
        foreach (RedisKey key in server.Keys(pattern: "midjourney:*"))
        {
            Assert.DoesNotContain(_emulator.ApiKey, key.ToString(), StringComparison.Ordinal);
            string value = await db.KeyTypeAsync(key) == RedisType.Hash
                ? string.Join('\n', (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}"))
                : (await db.KeyTypeAsync(key) == RedisType.String ? (string?)await db.StringGetAsync(key) ?? "" : "");
            Assert.DoesNotContain(_emulator.ApiKey, value, StringComparison.Ordinal);
        }
    }
}

/// <summary>The backplane's keys for the default client over GoAPI, with the default prefix.</summary>
internal static class RedisTaskBackplaneKeys
{
    public static string Index => Sdk.Redis.RedisTaskBackplaneFactory.TrackedIndexKey(MidjourneyRedisOptions.DefaultPrefix, "", MidjourneyProvider.GoApi);

    public static string Task(string taskId) => Sdk.Redis.RedisTaskBackplaneFactory.TaskKeyPrefix(MidjourneyRedisOptions.DefaultPrefix, "", MidjourneyProvider.GoApi) + taskId;

    public static string Lease(string taskId) => Sdk.Redis.RedisTaskBackplaneFactory.LeaseKeyPrefix(MidjourneyRedisOptions.DefaultPrefix, "", MidjourneyProvider.GoApi) + taskId;
}
