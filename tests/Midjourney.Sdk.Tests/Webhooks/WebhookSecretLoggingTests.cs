using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// The webhook secrets and the tokens derived from them never reach a log or an exception message: a whole round of
/// submits (one with the options' secret, one with its own), waits, callbacks accepted and refused, and a failing handler,
/// logged at Trace level into a <see cref="ListLoggerProvider"/>, over WireMock.Net on 127.0.0.1 with a fake clock.
/// </summary>
public sealed class WebhookSecretLoggingTests
{
    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(30);

    private static readonly string[] Hidden = [Secret, RequestSecret, Token(Secret), Token(RequestSecret)];

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task SubmitAndCallbacks_TraceLogging_NeitherSecretNorTokenInAnyLogOrExceptionMessage(MidjourneyProvider provider)
    {
        var logs = new ListLoggerProvider();
        var time = new FakeTimeProvider { FiresOnlyOnAdvance = true };
        using WireServer server = Server(provider);
        server.On(HttpMethod.Post, ImaginePath(provider), Wire.Json(Accepted(provider, "t1")), Wire.Json(Accepted(provider, "t2")));
        using MidjourneyClient client = WebhookKit.Client(provider, server, o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret), time, logs.CreateFactory());
        var exceptions = new List<Exception>();
        using IDisposable handler = client.AddTaskHandler(new RecordingTaskHandler((task, _) => throw new InvalidOperationException($"handler failed on {task.Id}")));

        await client.ImagineAsync(new ImagineRequest("a cat"));
        await client.ImagineAsync(new ImagineRequest("a dog") { WebhookSecret = RequestSecret });
        Task<MidjourneyTask> first = client.WaitForCompletionAsync("t1");
        Task<MidjourneyTask> second = client.WaitForCompletionAsync("t2");

        // Refused: no proof, the other task's secret, a near miss of the token.
        foreach (MidjourneyWebhookRequest request in new[]
        {
            Arrived(Body(provider, "t1"), [], Hook),
            Authentic(provider, Body(provider, "t1"), RequestSecret),
            Authentic(provider, Body(provider, "t2"), Secret),
            Arrived(Body(provider, "t2"), [new("x-webhook-secret", RequestSecret + "x")], new Uri(WithToken(Hook, RequestSecret).AbsoluteUri + "x")),
        })
        {
            exceptions.Add(await Assert.ThrowsAsync<MidjourneyWebhookException>(() => client.HandleWebhookAsync(request)));
        }

        // Accepted: each task with its own secret; one of them failed.
        await client.HandleWebhookAsync(Authentic(provider, Body(provider, "t1"), Secret));
        await client.HandleWebhookAsync(Authentic(provider, Body(provider, "t2", failed: true), RequestSecret));
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await first.WaitAsync(RealTimeLimit)).Status);
        exceptions.Add(await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => second.WaitAsync(RealTimeLimit)));

        // The handler's failures are logged once both updates have been handled.
        await logs.Logged.TryWaitUntilAsync(() => logs.Entries.Count(e => e.Level == LogLevel.Error) >= 2, RealTimeLimit);

        Assert.Equal(2, logs.Entries.Count(e => e.Level == LogLevel.Error));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Debug); // the submits' calls: logging was on
        foreach (string hidden in Hidden)
        {
            Assert.All(logs.Entries, e => Assert.DoesNotContain(hidden, e.AllText, StringComparison.Ordinal));
            Assert.All(exceptions, ex => Assert.DoesNotContain(hidden, ex.ToString(), StringComparison.Ordinal));
        }
    }

    /// <summary>A final callback of <paramref name="id"/>; GoAPI's echoes the submit, secret included, as GoAPI does.</summary>
    private static string Body(MidjourneyProvider provider, string id, bool failed = false) => provider switch
    {
        MidjourneyProvider.GoApi => failed
            ? GoApi(id, "failed", 0, errorMessages: """["Banned prompt detected"]""", echoedSecret: RequestSecret)
            : GoApi(id, "finished", 100, imageUrl: $"https://img.test/{id}.png", echoedSecret: Secret),
        _ => Callback(provider, id, failed ? RelayTaskState.Failed : RelayTaskState.Succeeded),
    };
}
