using Midjourney.Sdk.Providers.Apixo;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>
/// Waiting on APIXO (no progress) on a fake clock, against a real HTTP server (WireMock.Net on 127.0.0.1): the first
/// check after a submit is planned from the task's kind, starting from APIXO's guidance (about 20 s after a fast submit,
/// about 10 s after turbo); checks stay at least APIXO's 3 s apart; a task this client did not submit is checked at once.
/// </summary>
public sealed class ApixoPollingTests : IDisposable
{
    private readonly WireServer _server = ApixoWire.Server();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };
    private readonly ClockStampingHandler _stamps;

    public ApixoPollingTests() => _stamps = new ClockStampingHandler(_time);

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(Action<MidjourneyClientOptions>? configure = null) => ApixoWire.Client(_server, _time, configure, transport: _stamps);

    /// <summary>statusTask for <paramref name="id"/> answers "processing" <paramref name="processing"/> times, then success (repeating).</summary>
    private void AnswerPolls(string id, int processing) =>
        ApixoWire.AnswerStatus(_server, id, [.. Enumerable.Repeat(ApixoWire.Processing(id), processing), ApixoWire.Succeeded(id, "https://cdn.apixo.test/a.png")]);

    /// <summary>How many times statusTask was asked about <paramref name="id"/>.</summary>
    private int Polls(string id) => _server.Requests.Count(r => r.Method == HttpMethod.Get && r.Uri.Query == "?taskId=" + id);

    /// <summary>Seconds from <paramref name="from"/> to each request after the submit (the first request).</summary>
    private double[] ChecksAfter(DateTimeOffset from) => [.. _stamps.Times.Skip(1).Select(t => (t - from).TotalSeconds)];

    [Theory]
    [InlineData(MidjourneySpeed.Turbo, 8, 14)]
    [InlineData(null, 14, 22)]
    [InlineData(MidjourneySpeed.Fast, 14, 22)]
    [InlineData(MidjourneySpeed.Relax, 24, 36)]
    public async Task WaitForCompletionAsync_RightAfterSubmit_FirstChecksWhenTheSpeedSuggestsThenAtLeast3SecondsApart(MidjourneySpeed? speed, double from, double to)
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "t1");
        AnswerPolls("t1", processing: 3);

        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a cat") { Speed = speed });
        DateTimeOffset submitted = _time.GetUtcNow();
        MidjourneyTask done = await client.DriveAsync(c => c.WaitForCompletionAsync(task.Id));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        double[] checks = ChecksAfter(submitted);
        Assert.Equal(4, checks.Length);
        Assert.InRange(checks[0], from, to);
        Assert.All(_stamps.Gaps.Skip(1), gap => Assert.InRange(gap.TotalSeconds, 3, 60));
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task WaitForCompletionAsync_StartedLaterThanSubmit_ChecksSoonAndAFinishedTaskIsAnsweredWithoutARequest()
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "t1");
        AnswerPolls("t1", processing: 0);
        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a cat"));
        DateTimeOffset submitted = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromSeconds(15));
        await client.DriveAsync(c => c.WaitForCompletionAsync(task.Id));
        double first = ChecksAfter(submitted)[0];
        _time.Advance(TimeSpan.FromSeconds(30));
        DateTimeOffset again = _time.GetUtcNow();
        MidjourneyTask done = await client.DriveAsync(c => c.WaitForCompletionAsync(task.Id));

        Assert.InRange(first, 15, 22); // the plan counts from the submit, not from the start of the wait
        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status); // seen to end already: answered from what the client knows
        Assert.Equal(again, _time.GetUtcNow());
        Assert.Equal(1, Polls("t1"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskThisClientDidNotSubmit_LooksAtOnce()
    {
        AnswerPolls("elsewhere", processing: 1);
        DateTimeOffset started = _time.GetUtcNow();

        await Client().DriveAsync(c => c.WaitForCompletionAsync("elsewhere"));

        Assert.Equal(started, _stamps.Times[0]);
        Assert.InRange(_stamps.Gaps[0].TotalSeconds, 3, 60);
        Assert.Equal(2, Polls("elsewhere"));
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task WaitForCompletionAsync_ConfiguredInitialDelayAndInterval_AreKept()
    {
        MidjourneyClient client = Client(o =>
        {
            o.Polling.InitialDelay = TimeSpan.FromSeconds(1);
            o.Polling.Interval = TimeSpan.FromSeconds(2);
            o.Polling.MaxInterval = TimeSpan.FromSeconds(2);
        });
        ApixoWire.AnswerSubmits(_server, "t1");
        AnswerPolls("t1", processing: 1);

        await client.ImagineAsync(new ImagineRequest("a cat") { Speed = MidjourneySpeed.Turbo });
        DateTimeOffset submitted = _time.GetUtcNow();
        await client.DriveAsync(c => c.WaitForCompletionAsync("t1"));

        Assert.Equal([1, 3], ChecksAfter(submitted));
        Assert.Equal(2, Polls("t1"));
    }

    [Fact]
    public async Task WatchAsync_RightAfterTurboSubmit_PlansTheSameFirstCheckAsAWait()
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "t1", "t2");
        AnswerPolls("t1", processing: 0);
        AnswerPolls("t2", processing: 0);
        await client.ImagineAsync(new ImagineRequest("a cat") { Speed = MidjourneySpeed.Turbo });
        DateTimeOffset first = _time.GetUtcNow();
        await client.DriveAsync(async c =>
        {
            await foreach (MidjourneyTask _ in c.WatchAsync("t1"))
            {
            }

            return 0;
        });
        double watched = (_stamps.Times[1] - first).TotalSeconds;

        MidjourneyClient other = Client(); // a fresh client: nothing learned from the first task
        await other.ImagineAsync(new ImagineRequest("a dog") { Speed = MidjourneySpeed.Turbo });
        DateTimeOffset second = _time.GetUtcNow();
        await other.DriveAsync(c => c.WaitForCompletionAsync("t2"));

        Assert.InRange(watched, 8, 14);
        Assert.Equal(watched, (_stamps.Times[3] - second).TotalSeconds, precision: 6);
    }

    [Fact]
    public void SubmittedTasks_PastCapacity_ForgetTheOldestFirst()
    {
        var tasks = new ApixoSubmittedTasks(capacity: 3);
        for (int i = 1; i <= 5; i++)
        {
            tasks.Remember($"t{i}", new ApixoSubmission(MidjourneyAction.Imagine, $"p{i}", null, null, DateTimeOffset.UnixEpoch));
        }

        Assert.Equal(3, tasks.Count);
        Assert.Null(tasks.Find("t1"));
        Assert.Null(tasks.Find("t2"));
        Assert.Equal("p5", tasks.Find("t5")?.Prompt);
    }

    [Fact]
    public void SubmittedTasks_SameIdTwice_KeepsOneEntryWithTheNewestValue()
    {
        var tasks = new ApixoSubmittedTasks(capacity: 2);
        tasks.Remember("t1", new ApixoSubmission(MidjourneyAction.Imagine, "old", null, null, DateTimeOffset.UnixEpoch));
        tasks.Remember("t1", new ApixoSubmission(MidjourneyAction.Imagine, "new", null, null, DateTimeOffset.UnixEpoch));
        tasks.Remember("t2", new ApixoSubmission(MidjourneyAction.Imagine, "two", null, null, DateTimeOffset.UnixEpoch));

        Assert.Equal(2, tasks.Count);
        Assert.Equal("new", tasks.Find("t1")?.Prompt);
    }

    [Fact]
    public void SubmittedTasks_Default_HoldsAThousandTasks()
    {
        var tasks = new ApixoSubmittedTasks();
        for (int i = 0; i < 5000; i++)
        {
            tasks.Remember(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new ApixoSubmission(MidjourneyAction.Imagine, null, null, null, DateTimeOffset.UnixEpoch));
        }

        Assert.Equal(ApixoSubmittedTasks.DefaultCapacity, tasks.Count);
        Assert.NotNull(tasks.Find("4999"));
        Assert.Null(tasks.Find("0"));
    }
}
