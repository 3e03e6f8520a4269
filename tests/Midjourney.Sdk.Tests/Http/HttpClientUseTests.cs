using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Http;

/// <summary>
/// The three ways a client holds its <see cref="HttpClient"/>, over real loopback HTTP: the caller's (never changed, may be
/// shared, its own settings apply), the one <c>AddMidjourney</c> gets from the factory (the app's handlers and timeout
/// apply), and the SDK's own. In each, the base URL's path is kept, the key travels on each request only, and the body
/// goes with a Content-Length.
/// </summary>
public sealed class HttpClientUseTests : IDisposable
{
    private const string SubmitAnswer = """{"task_id":"task-1","status":"success","message":""}""";
    private const string FinishedTask = """{"task_id":"task-1","status":"finished","task_result":{"image_url":"https://img.test/1.png"}}""";

    private readonly WireServer _server = new("/relay/v2");

    public void Dispose() => _server.Dispose();

    private MidjourneyClientOptions Options(string key = "key-one-123", MidjourneyProvider provider = MidjourneyProvider.GoApi) => new()
    {
        Provider = provider,
        ApiKey = key,
        BaseUrl = _server.BaseUrl,
        Retry = { MaxRetries = 0 },
    };

    [Fact]
    public async Task CallersHttpClient_WithoutBaseAddress_IsNeverChangedAndItsDefaultHeadersApply()
    {
        _server.On(HttpMethod.Post, "/mj/v2/imagine", Wire.Json(SubmitAnswer));
        using var shared = new HttpClient();
        shared.DefaultRequestHeaders.UserAgent.ParseAdd("my-app/1.0");
        using var client = new MidjourneyClient(shared, Options());

        await client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.Null(shared.BaseAddress);
        Assert.Equal(["User-Agent"], shared.DefaultRequestHeaders.Select(h => h.Key));
        RecordedRequest request = _server.Single;
        Assert.Equal(_server.Url("/mj/v2/imagine"), request.Uri.AbsoluteUri);
        Assert.Equal("key-one-123", request.Header("X-API-KEY"));
        Assert.Equal("my-app/1.0", request.Header("User-Agent"));
        AssertContentLength(request);
    }

    [Fact]
    public async Task CallersHttpClient_SharedByTwoProviders_EachRequestCarriesOnlyItsOwnKey()
    {
        _server.On(HttpMethod.Post, "/mj/v2/fetch", Wire.Json(FinishedTask));
        _server.On(HttpMethod.Get, "/mj/task/task-1/fetch", Wire.Json("""{"id":"task-1","status":"SUCCESS","imageUrl":"https://img.test/1.png"}"""));
        using var shared = new HttpClient();
        using var goApi = new MidjourneyClient(shared, Options("goapi-key-123"));
        using var mjProxy = new MidjourneyClient(shared, Options("relay-key-456", MidjourneyProvider.MjProxy));

        await Task.WhenAll(goApi.GetTaskAsync("task-1"), mjProxy.GetTaskAsync("task-1"), goApi.GetTaskAsync("task-1"), mjProxy.GetTaskAsync("task-1"));

        Assert.Equal(4, _server.Requests.Count);
        Assert.All(_server.Requests.Where(r => r.Method == HttpMethod.Post), r =>
        {
            Assert.Equal("goapi-key-123", r.Header("X-API-KEY"));
            Assert.Null(r.Header("Authorization"));
        });
        Assert.All(_server.Requests.Where(r => r.Method == HttpMethod.Get), r =>
        {
            Assert.Equal("Bearer relay-key-456", r.Header("Authorization"));
            Assert.Null(r.Header("X-API-KEY"));
        });
        Assert.Empty(shared.DefaultRequestHeaders);
    }

    [Fact]
    public async Task CallersHttpClient_WithAnotherBaseAddress_TheOptionsBaseUrlWinsAndTheClientKeepsItsOwn()
    {
        _server.On(HttpMethod.Post, "/mj/v2/fetch", Wire.Json(FinishedTask));
        var elsewhere = new Uri("http://127.0.0.1:9/elsewhere/");
        using var shared = new HttpClient { BaseAddress = elsewhere };
        using var client = new MidjourneyClient(shared, Options());

        await client.GetTaskAsync("task-1");

        Assert.Equal(elsewhere, shared.BaseAddress);
        Assert.Equal(_server.Url("/mj/v2/fetch"), _server.Single.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task AddMidjourney_AppHandlerAndBasePath_SeeEveryRequestWithTheKey()
    {
        _server.On(HttpMethod.Post, "/mj/v2/imagine", Wire.Json(SubmitAnswer));
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddMidjourney(o => { o.ApiKey = "di-key-7890"; o.BaseUrl = _server.BaseUrl; })
            .AddHttpMessageHandler(() => new SeeingHandler(seen));
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IMidjourneyClient>().ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal([$"POST {_server.Url("/mj/v2/imagine")} X-API-KEY=di-key-7890"], seen);
        AssertContentLength(_server.Single);
    }

    [Fact]
    public async Task AddMidjourney_ConfiguredTimeout_AppliesToTheWholeAnswer()
    {
        // A real timeout of the factory's client: the answer comes after the app's configured 300 ms.
        _server.On(HttpMethod.Post, "/mj/v2/imagine", Wire.Json(SubmitAnswer).WithDelay(TimeSpan.FromSeconds(1)));
        var services = new ServiceCollection();
        services.AddMidjourney(o => { o.ApiKey = "di-key-7890"; o.BaseUrl = _server.BaseUrl; })
            .ConfigureHttpClient(http => http.Timeout = TimeSpan.FromMilliseconds(300));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(
            () => provider.GetRequiredService<IMidjourneyClient>().ImagineAsync(new ImagineRequest("a cat")));

        Assert.Contains($"did not answer POST {_server.Url("/mj/v2/imagine")} in time", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnHttpClient_SendsUnderTheBasePathWithTheKey()
    {
        _server.On(HttpMethod.Post, "/mj/v2/imagine", Wire.Json(SubmitAnswer));
        using var client = new MidjourneyClient(Options());

        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-1", task.Id);
        Assert.Equal("key-one-123", _server.Single.Header("X-API-KEY"));
        AssertContentLength(_server.Single);
    }

    private static void AssertContentLength(RecordedRequest request)
    {
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(request.Body!).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Null(request.Header("Transfer-Encoding"));
    }

    /// <summary>An app's own handler in the factory's chain: records what passes through it.</summary>
    private sealed class SeeingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add($"{request.Method} {request.RequestUri!.AbsoluteUri} X-API-KEY={string.Join(",", request.Headers.GetValues("X-API-KEY"))}");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
