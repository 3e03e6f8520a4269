using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// A status check that fails: a refused key or an unknown task ends every wait on that task with the typed exception
/// (naming the URL that was called); a passing failure (500, 429 with Retry-After, a reset connection) does not, and
/// the next check comes no sooner than the server asked, nor later than <c>Polling.MaxInterval</c>. On a manual fake clock.
/// </summary>
public sealed class CheckFailureTests
{
    private readonly FakeTimeProvider _time = new() { FiresOnlyOnAdvance = true };

    private static RelayTaskState ThreeChecks(string id, int check, TimeSpan at) => check switch
    {
        1 => RelayTaskState.Running(30),
        2 => RelayTaskState.Running(70),
        _ => RelayTaskState.Succeeded,
    };

    private static HttpResponseMessage Error(HttpStatusCode status, string json, TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return response;
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, "POST https://relay.test/base/mj/v2/fetch")]
    [InlineData(MidjourneyProvider.MjProxy, "GET https://relay.test/base/mj/task/t1/fetch")]
    [InlineData(MidjourneyProvider.Apixo, "GET https://relay.test/base/api/v1/statusTask/midjourney?taskId=t1")]
    public async Task WaitForCompletionAsync_KeyRefused_EndsEveryWaitOnTheTaskNamingTheUrl(MidjourneyProvider provider, string call)
    {
        int requests = 0;
        var relay = new ScriptedRelay(provider, _time, ThreeChecks)
        {
            Fault = _ => Interlocked.Increment(ref requests) == 2 ? Error(HttpStatusCode.Unauthorized, """{"message":"invalid key"}""") : null,
        };
        using MidjourneyClient client = relay.Client();

        Task<MidjourneyTask> wait = client.WaitForCompletionAsync("t1");
        Task<MidjourneyTask> other = client.WaitForCompletionAsync("t1");
        await _time.DriveUntilAsync(client, Task.WhenAll(wait, other).ContinueWith(_ => { }, TaskScheduler.Default));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => wait);
        await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => other);
        Assert.Contains(call, ex.Message, StringComparison.Ordinal);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(2, relay.Requests.Count);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, "POST https://relay.test/base/mj/v2/fetch")]
    [InlineData(MidjourneyProvider.MjProxy, "GET https://relay.test/base/mj/task/gone/fetch")]
    public async Task WaitForCompletionAsync_UnknownTask_EndsTheWaitWithNotFound(MidjourneyProvider provider, string call)
    {
        var relay = new ScriptedRelay(provider, _time, (_, _, _) => null);
        using MidjourneyClient client = relay.Client();

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => _time.DriveAsync(client, c => c.WaitForCompletionAsync("gone")));

        Assert.Contains(call, ex.Message, StringComparison.Ordinal);
        Assert.Equal(provider, ex.Provider);
        Assert.Single(relay.Requests);
        Assert.Equal(0, client.Tracker.TrackedCount);
    }

    public static TheoryData<string, TimeSpan?, TimeSpan, TimeSpan> PassingFailures => new()
    {
        // What fails the second check, the longest gap allowed (MaxInterval, or null for the default), and the shortest and longest next gap.
        { "500", null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60) },
        { "429 retry after 20 s", null, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60) },
        { "429 retry after 120 s", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15) },
        { "503 retry after 30 s", null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60) },
        { "reset", null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60) },
    };

    [Theory]
    [MemberData(nameof(PassingFailures))]
    public async Task WaitForCompletionAsync_PassingFailure_KeepsWaitingAndHonoursRetryAfter(string failure, TimeSpan? maxInterval, TimeSpan shortest, TimeSpan longest)
    {
        int requests = 0;
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, ThreeChecks)
        {
            Fault = _ => Interlocked.Increment(ref requests) != 2 ? null : failure switch
            {
                "500" => Error(HttpStatusCode.InternalServerError, """{"message":"oops"}"""),
                "429 retry after 20 s" => Error(HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", TimeSpan.FromSeconds(20)),
                "429 retry after 120 s" => Error(HttpStatusCode.TooManyRequests, """{"message":"slow down"}""", TimeSpan.FromSeconds(120)),
                "503 retry after 30 s" => Error(HttpStatusCode.ServiceUnavailable, """{"message":"busy"}""", TimeSpan.FromSeconds(30)),
                _ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "connection reset", null, null),
            },
        };
        using MidjourneyClient client = relay.Client(o =>
        {
            o.Polling.Interval = TimeSpan.FromSeconds(1);
            o.Polling.MaxInterval = maxInterval;
        });

        MidjourneyTask task = await _time.DriveAsync(client, c => c.WaitForCompletionAsync("t1"));

        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(4, relay.Requests.Count);
        Assert.InRange(relay.Requests[2].At - relay.Requests[1].At, shortest, longest);
    }

    [Fact]
    public async Task WaitForCompletionAsync_FailuresInARow_BackOffUpToMaxInterval()
    {
        int requests = 0;
        var relay = new ScriptedRelay(MidjourneyProvider.GoApi, _time, (_, _, _) => RelayTaskState.Succeeded)
        {
            Fault = _ => Interlocked.Increment(ref requests) <= 6 ? Error(HttpStatusCode.BadGateway, """{"message":"bad gateway"}""") : null,
        };
        using MidjourneyClient client = relay.Client(o =>
        {
            o.Polling.Interval = TimeSpan.FromSeconds(1);
            o.Polling.MaxInterval = TimeSpan.FromSeconds(10);
        });

        await _time.DriveAsync(client, c => c.WaitForCompletionAsync("t1"));

        // Doubling from Interval, capped at MaxInterval.
        TimeSpan[] gaps = [.. relay.Requests.Zip(relay.Requests.Skip(1), (a, b) => b.At - a.At)];
        Assert.Equal([1, 2, 4, 8, 10, 10], gaps.Select(g => g.TotalSeconds));
    }
}
