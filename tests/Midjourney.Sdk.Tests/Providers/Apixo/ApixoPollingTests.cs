using Midjourney.Sdk.Providers.Apixo;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>
/// APIXO's polling guidance on a fake clock, against a real HTTP server (WireMock.Net on 127.0.0.1): first look ~20 s
/// after a fast submit (~10 s after turbo), counted from the submit, then every 3 s; tasks this client did not submit
/// are first checked after one interval.
/// </summary>
public sealed class ApixoPollingTests : IDisposable
{
    private readonly WireServer _server = ApixoWire.Server();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(Action<MidjourneyClientOptions>? configure = null) => ApixoWire.Client(_server, _time, configure);

    /// <summary>statusTask for <paramref name="id"/> answers "processing" <paramref name="processing"/> times, then success (repeating).</summary>
    private void AnswerPolls(string id, int processing) =>
        ApixoWire.AnswerStatus(_server, id, [.. Enumerable.Repeat(ApixoWire.Processing(id), processing), ApixoWire.Succeeded(id, "https://cdn.apixo.test/a.png")]);

    /// <summary>How many times statusTask was asked about <paramref name="id"/>.</summary>
    private int Polls(string id) => _server.Requests.Count(r => r.Method == HttpMethod.Get && r.Uri.Query == "?taskId=" + id);

    private double[] Delays() => [.. _time.RequestedDelays.Select(d => d.TotalSeconds)];

    [Theory]
    [InlineData(null, 20)]
    [InlineData(MidjourneySpeed.Fast, 20)]
    [InlineData(MidjourneySpeed.Relax, 20)]
    [InlineData(MidjourneySpeed.Turbo, 10)]
    public async Task WaitForCompletionAsync_RightAfterSubmit_FirstLooksAfterTheSpeedsDelayThenEvery3Seconds(MidjourneySpeed? speed, double first)
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "t1");
        AnswerPolls("t1", processing: 3);

        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a cat") { Speed = speed });
        MidjourneyTask done = await client.WaitForCompletionAsync(task.Id);

        Assert.Equal(MidjourneyTaskStatus.Succeeded, done.Status);
        Assert.Equal([first, 3, 3, 3], Delays());
        Assert.Equal(4, Polls("t1"));
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task WaitForCompletionAsync_StartedLaterThanSubmit_WaitsOnlyWhatIsLeftOfTheFirstLook()
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "t1");
        AnswerPolls("t1", processing: 0);
        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a cat"));

        _time.Advance(TimeSpan.FromSeconds(15));
        await client.WaitForCompletionAsync(task.Id);
        double[] afterFifteen = Delays();
        _time.Advance(TimeSpan.FromSeconds(30));
        await client.WaitForCompletionAsync(task.Id);

        Assert.Equal([5], afterFifteen);
        Assert.All(Delays().Skip(1), d => Assert.Equal(0, d));
        Assert.Equal(2, Polls("t1"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_FollowUpOfATurboTask_InheritsTheTurboFirstLook()
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "grid-1", "up-1");
        AnswerPolls("up-1", processing: 0);
        await client.ImagineAsync(new ImagineRequest("a cat") { Speed = MidjourneySpeed.Turbo });

        await client.UpscaleAsync(new UpscaleRequest("grid-1", 1));
        await client.WaitForCompletionAsync("up-1");

        Assert.Equal([10], Delays());
        Assert.Equal(1, Polls("up-1"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_TaskThisClientDidNotSubmit_FirstLooksAfterOneInterval()
    {
        AnswerPolls("elsewhere", processing: 1);

        await Client().WaitForCompletionAsync("elsewhere");

        Assert.Equal([3, 3], Delays());
        Assert.Equal(2, Polls("elsewhere"));
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task WaitForCompletionAsync_ConfiguredInitialDelay_WinsOverTheSpeedRule()
    {
        MidjourneyClient client = Client(o =>
        {
            o.Polling.InitialDelay = TimeSpan.FromSeconds(1);
            o.Polling.Interval = TimeSpan.FromSeconds(2);
        });
        ApixoWire.AnswerSubmits(_server, "t1");
        AnswerPolls("t1", processing: 1);

        await client.ImagineAsync(new ImagineRequest("a cat") { Speed = MidjourneySpeed.Turbo });
        await client.WaitForCompletionAsync("t1");

        Assert.Equal([1, 2], Delays());
        Assert.Equal(2, Polls("t1"));
    }

    [Fact]
    public async Task WatchAsync_RightAfterTurboSubmit_UsesTheSameFirstLook()
    {
        MidjourneyClient client = Client();
        ApixoWire.AnswerSubmits(_server, "t1");
        AnswerPolls("t1", processing: 0);
        await client.ImagineAsync(new ImagineRequest("a cat") { Speed = MidjourneySpeed.Turbo });

        await foreach (MidjourneyTask _ in client.WatchAsync("t1"))
        {
        }

        Assert.Equal([10], Delays());
        Assert.Equal(1, Polls("t1"));
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
