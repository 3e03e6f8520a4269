using System.Net;
using System.Text;
using System.Text.Json;
using Midjourney.Sdk.Tests.TestSupport;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// Batched status checks: many waits on one client cost one batch request per check (GoAPI's multi_fetch, MJ-Proxy's
/// list-by-condition), at most 50 ids each, naming every task that is due; checks due within half a second go together.
/// A relay without the batch endpoint (404) is asked one task at a time from then on; a task a batch answer leaves out
/// is fetched alone, and an unknown one ends its own wait only. On a manual fake clock (<see cref="WaitDriver"/>), over an
/// in-memory relay, WireMock.Net and the emulator.
/// </summary>
public sealed class BatchStatusTests
{
    private readonly FakeTimeProvider _time = new() { FiresOnlyOnAdvance = true };

    /// <summary>Running at 30%, then 70%, then done: three checks per task.</summary>
    private static RelayTaskState ThreeChecks(string id, int check, TimeSpan at) => check switch
    {
        1 => RelayTaskState.Running(30),
        2 => RelayTaskState.Running(70),
        _ => RelayTaskState.Succeeded,
    };

    private static string[] Ids(int count) => [.. Enumerable.Range(1, count).Select(i => $"task-{i}")];

    [Fact]
    public async Task WaitForCompletionAsync_TenWaitsOverGoApi_OneMultiFetchPerCheck()
    {
        using var server = new WireServer("/base").RequireHeader("X-API-KEY", TestClients.ApiKey);
        var checks = new Dictionary<string, int>(StringComparer.Ordinal);
        server.On(server.Request(HttpMethod.Post, "/mj/v2/multi_fetch"), Response.Create().WithCallback(request =>
        {
            using var body = JsonDocument.Parse(request.Body!);
            var items = new List<string>();
            lock (checks)
            {
                foreach (string id in body.RootElement.GetProperty("task_ids").EnumerateArray().Select(e => e.GetString()!))
                {
                    int check = checks[id] = checks.GetValueOrDefault(id) + 1;
                    items.Add($"\"{id}\":{ScriptedRelay.GoApiTask(id, ThreeChecks(id, check, TimeSpan.Zero))}");
                }
            }

            return new ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = "{\"data\":{" + string.Join(",", items) + "}}", Encoding = Encoding.UTF8 },
            };
        }));
        using MidjourneyClient client = TestClients.GoApi(server, _time, o => o.Retry.MaxRetries = 0);
        string[] ids = Ids(10);

        Task<MidjourneyTask>[] waits = [.. ids.Select(id => client.WaitForCompletionAsync(id))];
        await _time.DriveUntilAsync(client, Task.WhenAll(waits));

        Assert.All(waits, w => Assert.Equal(MidjourneyTaskStatus.Succeeded, w.Result.Status));
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal("/base/mj/v2/multi_fetch", r.Path);
            Assert.Equal(ids.Order(StringComparer.Ordinal), TaskIds(r.Body!).Order(StringComparer.Ordinal));
        });
        Assert.Empty(server.Unmatched);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, 10)]
    [InlineData(MidjourneyProvider.GoApi, 60)]
    [InlineData(MidjourneyProvider.MjProxy, 10)]
    [InlineData(MidjourneyProvider.MjProxy, 60)]
    public async Task WaitForCompletionAsync_ManyWaits_OneBatchOfAtMostFiftyPerCheck(MidjourneyProvider provider, int count)
    {
        var relay = new ScriptedRelay(provider, _time, ThreeChecks);
        using MidjourneyClient client = relay.Client();
        string[] ids = Ids(count);

        Task<MidjourneyTask>[] waits = [.. ids.Select(id => client.WaitForCompletionAsync(id))];
        await _time.DriveUntilAsync(client, Task.WhenAll(waits));

        Assert.All(waits, w => Assert.Equal(MidjourneyTaskStatus.Succeeded, w.Result.Status));
        Assert.Empty(relay.Fetches);
        int perCheck = (count + 49) / 50;
        Assert.Equal(3 * perCheck, relay.Requests.Count);
        Assert.All(relay.Requests, r => Assert.InRange(r.Ids.Count, 1, 50));

        // Three checks, each one moment of fake time whose batches name every task exactly once.
        var checks = relay.Requests.GroupBy(r => r.At).ToArray();
        Assert.Equal(3, checks.Length);
        Assert.All(checks, check =>
        {
            Assert.Equal(perCheck, check.Count());
            Assert.Equal(ids.Order(StringComparer.Ordinal), check.SelectMany(r => r.Ids).Order(StringComparer.Ordinal));
        });
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, "/mj/v2/multi_fetch")]
    [InlineData(MidjourneyProvider.MjProxy, "/mj/task/list-by-condition")]
    public async Task WaitForEachAsync_TwentyTasksOnTheEmulator_CheckedTogetherInBatches(MidjourneyProvider provider, string batchPath)
    {
        // The harness checks every 2 s from 1 s after the submit; the emulator's tasks all take 20 s.
        await using EmulatorHarness h = await EmulatorHarness.StartAsync(provider);
        var submitted = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            submitted.Add((await h.Client.ImagineAsync(new ImagineRequest($"a fox, take {i}"))).Id);
        }

        h.Time.AutoAdvance = false;
        h.Time.FiresOnlyOnAdvance = true;
        var done = new List<MidjourneyTask>();
        Task reading = ReadAsync();
        await h.Time.DriveUntilAsync(h.Client, reading);

        Assert.Equal(submitted.Order(StringComparer.Ordinal), done.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.All(done, t => Assert.Equal(MidjourneyTaskStatus.Succeeded, t.Status));
        string[] status = [.. h.Handler.Paths.Where(p => !p.Contains("/submit/", StringComparison.Ordinal) && !p.EndsWith("/imagine", StringComparison.Ordinal))];
        Assert.NotEmpty(status);
        Assert.All(status, p => Assert.EndsWith(batchPath, p));
        Assert.Equal(11, status.Length); // at 1, 3, ..., 21 s

        async Task ReadAsync()
        {
            await foreach (MidjourneyTask task in h.Client.WaitForEachAsync(submitted))
            {
                done.Add(task);
            }
        }
    }

    [Fact]
    public async Task WaitForCompletionAsync_ChecksDueWithinHalfASecond_GoInOneBatch()
    {
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Succeeded);
        using MidjourneyClient client = relay.Client(o => o.Polling.InitialDelay = TimeSpan.FromSeconds(5));

        // Submitted by this client at 0, 0.3 and 0.6 s: their first checks are due at 5, 5.3 and 5.6 s.
        client.Tracker.Submitted(new MidjourneyTask { Id = "a", Provider = MidjourneyProvider.GoApi }, speed: null);
        _time.Advance(TimeSpan.FromSeconds(0.3));
        client.Tracker.Submitted(new MidjourneyTask { Id = "b", Provider = MidjourneyProvider.GoApi }, speed: null);
        _time.Advance(TimeSpan.FromSeconds(0.3));
        client.Tracker.Submitted(new MidjourneyTask { Id = "c", Provider = MidjourneyProvider.GoApi }, speed: null);
        Task<MidjourneyTask>[] waits = [.. new[] { "a", "b", "c" }.Select(id => client.WaitForCompletionAsync(id))];
        await _time.DriveUntilAsync(client, Task.WhenAll(waits));

        Assert.Equal(2, relay.Requests.Count);
        Assert.Equal((true, TimeSpan.FromSeconds(5)), (relay.Requests[0].IsBatch, relay.Requests[0].At));
        Assert.Equal(["a", "b"], relay.Requests[0].Ids.Order(StringComparer.Ordinal));
        Assert.Equal((false, TimeSpan.FromSeconds(5.6)), (relay.Requests[1].IsBatch, relay.Requests[1].At));
        Assert.Equal(["c"], relay.Requests[1].Ids);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, HttpStatusCode.NotFound)]
    [InlineData(MidjourneyProvider.GoApi, HttpStatusCode.MethodNotAllowed)]
    [InlineData(MidjourneyProvider.GoApi, HttpStatusCode.NotImplemented)]
    [InlineData(MidjourneyProvider.GoApi, HttpStatusCode.BadRequest)]
    [InlineData(MidjourneyProvider.MjProxy, HttpStatusCode.NotFound)]
    [InlineData(MidjourneyProvider.MjProxy, HttpStatusCode.MethodNotAllowed)]
    [InlineData(MidjourneyProvider.MjProxy, HttpStatusCode.BadRequest)]
    public async Task WaitForCompletionAsync_NoBatchEndpoint_FetchesOneByOneFromThenOn(MidjourneyProvider provider, HttpStatusCode status)
    {
        var relay = new ScriptedRelay(provider, _time, ThreeChecks)
        {
            Fault = r => r.IsBatch ? new HttpResponseMessage(status) { Content = new StringContent("""{"message":"no such route"}""", Encoding.UTF8, "application/json") } : null,
        };
        using MidjourneyClient client = relay.Client();
        string[] ids = Ids(5);

        Task<MidjourneyTask>[] waits = [.. ids.Select(id => client.WaitForCompletionAsync(id))];
        await _time.DriveUntilAsync(client, Task.WhenAll(waits));

        Assert.All(waits, w => Assert.Equal(MidjourneyTaskStatus.Succeeded, w.Result.Status));
        StatusRequest batch = Assert.Single(relay.Batches);
        Assert.Same(batch, relay.Requests[0]);
        Assert.Equal(3 * ids.Length, relay.Fetches.Count);
        Assert.All(ids, id => Assert.Equal(3, relay.Fetches.Count(f => f.Ids.Single() == id)));
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, """{"code":200,"data":[]}""")]
    [InlineData(MidjourneyProvider.GoApi, "<html><body>Welcome</body></html>")]
    [InlineData(MidjourneyProvider.MjProxy, """{"content":[],"totalElements":0}""")]
    [InlineData(MidjourneyProvider.MjProxy, "<html><body>Welcome</body></html>")]
    public async Task WaitForCompletionAsync_BatchAnswerUnreadable_FetchesOneByOneAndEveryWaitSucceeds(MidjourneyProvider provider, string answer)
    {
        // A relay whose batch endpoint answers in another shape (a paged list, a page of its dashboard): the batch is only
        // a saving, so the waits go on with single fetches rather than failing together.
        var relay = new ScriptedRelay(provider, _time, ThreeChecks)
        {
            Fault = r => r.IsBatch
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, Encoding.UTF8, answer.StartsWith('<') ? "text/html" : "application/json") }
                : null,
        };
        using MidjourneyClient client = relay.Client();
        string[] ids = Ids(5);

        Task<MidjourneyTask>[] waits = [.. ids.Select(id => client.WaitForCompletionAsync(id))];
        await _time.DriveUntilAsync(client, Task.WhenAll(waits).ContinueWith(_ => { }, TaskScheduler.Default));

        Assert.All(waits, w => Assert.Equal(MidjourneyTaskStatus.Succeeded, w.Result.Status));
        Assert.Single(relay.Batches);
        Assert.Equal(3 * ids.Length, relay.Fetches.Count);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    public async Task WaitForCompletionAsync_BatchKeyRefused_EndsEveryWaitInTheBatch(MidjourneyProvider provider)
    {
        var relay = new ScriptedRelay(provider, _time, ThreeChecks)
        {
            Fault = r => r.IsBatch ? new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("""{"message":"invalid key"}""", Encoding.UTF8, "application/json") } : null,
        };
        using MidjourneyClient client = relay.Client();

        Task<MidjourneyTask>[] waits = [.. Ids(3).Select(id => client.WaitForCompletionAsync(id))];
        await _time.DriveUntilAsync(client, Task.WhenAll(waits).ContinueWith(_ => { }, TaskScheduler.Default));

        Assert.All(waits, w => Assert.IsType<MidjourneyAuthenticationException>(w.Exception?.InnerException));
        Assert.Single(relay.Requests);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    public async Task WaitForCompletionAsync_TaskLeftOutOfTheBatchAndUnknown_EndsOnlyItsOwnWait(MidjourneyProvider provider)
    {
        var relay = new ScriptedRelay(provider, _time, (id, check, at) => id == "ghost" ? null : ThreeChecks(id, check, at));
        using MidjourneyClient client = relay.Client();
        string[] ids = [.. Ids(4), "ghost"];

        Task<MidjourneyTask>[] waits = [.. ids.Select(id => client.WaitForCompletionAsync(id))];
        await _time.DriveUntilAsync(client, Task.WhenAll(waits).ContinueWith(_ => { }, TaskScheduler.Default));

        Assert.All(waits[..4], w => Assert.Equal(MidjourneyTaskStatus.Succeeded, w.Result.Status));
        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => waits[4]);
        Assert.Contains("https://relay.test/base/mj/", ex.Message, StringComparison.Ordinal);

        // Asked about in the first batch, then once alone (which says it does not exist), never again.
        StatusRequest single = Assert.Single(relay.Fetches);
        Assert.Equal(["ghost"], single.Ids);
        Assert.Equal(relay.Requests[0].At, single.At);
        Assert.Equal(2, relay.TimesAsked("ghost"));
        Assert.Equal(3, relay.Batches.Count);
        Assert.All(relay.Batches.Skip(1), b => Assert.DoesNotContain("ghost", b.Ids));
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    private static string[] TaskIds(string body)
    {
        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.GetProperty("task_ids").EnumerateArray().Select(e => e.GetString()!)];
    }
}
