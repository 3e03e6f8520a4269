using System.Text.Json;
using Midjourney.Sdk.Tests.Providers.Apixo;
using Midjourney.Sdk.Tests.Providers.MjProxy;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// What each submit sends for its callback, over real HTTP to a WireMock.Net server on 127.0.0.1: <c>Webhooks.Url</c> on
/// every submit of every provider (MJ-Proxy's follow-ups through <c>/mj/submit/action</c> and <c>/modal</c> too), a
/// request's own URL and secret winning, the secret only ever as GoAPI's <c>webhook_secret</c> (elsewhere the SDK's token
/// in the URL), and the URL rules (https, GoAPI's ports, <c>AllowHttp</c>) checked before any traffic.
/// </summary>
public sealed class WebhookSendingTests : IDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private readonly List<WireServer> _servers = [];

    public void Dispose()
    {
        foreach (WireServer server in _servers)
        {
            server.Dispose();
        }
    }

    /// <summary>One submit of one provider: the answers the server needs for it, and the call.</summary>
    private sealed record Operation(Action<WireServer> Answer, Func<IMidjourneyClient, MidjourneyRequest?, Task<MidjourneyTask>> Run);

    private static readonly Dictionary<(MidjourneyProvider, string), Operation> Operations = BuildOperations();

    public static TheoryData<MidjourneyProvider, string, bool> EveryOperation()
    {
        var data = new TheoryData<MidjourneyProvider, string, bool>();
        foreach ((MidjourneyProvider provider, string name) in Operations.Keys)
        {
            data.Add(provider, name, false);
            data.Add(provider, name, true);
        }

        return data;
    }

    private static Dictionary<(MidjourneyProvider, string), Operation> BuildOperations()
    {
        MidjourneyImage url = MidjourneyImage.FromUrl(new Uri("https://img.test/a.png"));
        MidjourneyImage url2 = MidjourneyImage.FromUrl(new Uri("https://img.test/b.png"));
        MidjourneyImage png = MidjourneyImage.FromBytes(Png, "image/png");
        Action<WireServer> goApi = s => s.OnAny(Wire.Json(Accepted(MidjourneyProvider.GoApi, "task-1")));
        Action<WireServer> apixo = s => s.On(HttpMethod.Post, ApixoWire.Generate, Wire.Json(Accepted(MidjourneyProvider.Apixo, "task-1")));
        Action<WireServer> midApi = s => s.OnAny(Wire.Json(Accepted(MidjourneyProvider.MidApi, "task-1")));
        Action<WireServer> MjSubmit(string path) => s => s.On(HttpMethod.Post, path, Wire.Json(MjProxyTestData.Answer("task-1")));
        Action<WireServer> MjPress(string parentId, string parent, bool dialog = false) => s =>
        {
            s.On(HttpMethod.Get, $"/mj/task/{parentId}/fetch", Wire.Json(parent));
            s.On(HttpMethod.Post, "/mj/submit/action", Wire.Json(dialog ? MjProxyTestData.Dialog("modal-1") : MjProxyTestData.Answer("child-1")));
            s.On(HttpMethod.Post, "/mj/submit/modal", Wire.Json(MjProxyTestData.Answer("modal-1")));
        };

        // Each run copies the hook settings of `own` (a request carrying its own URL and secret, or none) onto its request.
        static T With<T>(T request, MidjourneyRequest? own)
            where T : MidjourneyRequest => own is null ? request : request with { WebhookUrl = own.WebhookUrl, WebhookSecret = own.WebhookSecret };

        return new()
        {
            [(MidjourneyProvider.GoApi, "imagine")] = new(goApi, (c, o) => c.ImagineAsync(With(new ImagineRequest("a cat"), o))),
            [(MidjourneyProvider.GoApi, "upscale")] = new(goApi, (c, o) => c.UpscaleAsync(With(new UpscaleRequest("grid-1", 1), o))),
            [(MidjourneyProvider.GoApi, "variation")] = new(goApi, (c, o) => c.VariationAsync(With(new VariationRequest("grid-1", 2), o))),
            [(MidjourneyProvider.GoApi, "reroll")] = new(goApi, (c, o) => c.RerollAsync(With(new RerollRequest("grid-1"), o))),
            [(MidjourneyProvider.GoApi, "inpaint")] = new(goApi, (c, o) => c.InpaintAsync(With(new InpaintRequest("up-1", png), o))),
            [(MidjourneyProvider.GoApi, "outpaint")] = new(goApi, (c, o) => c.OutpaintAsync(With(new OutpaintRequest("up-1", 2), o))),
            [(MidjourneyProvider.GoApi, "pan")] = new(goApi, (c, o) => c.PanAsync(With(new PanRequest("up-1", PanDirection.Left), o))),
            [(MidjourneyProvider.GoApi, "describe")] = new(goApi, (c, o) => c.DescribeAsync(With(new DescribeRequest(url), o))),
            [(MidjourneyProvider.GoApi, "blend")] = new(goApi, (c, o) => c.BlendAsync(With(new BlendRequest([url, url2]), o))),

            [(MidjourneyProvider.MjProxy, "imagine")] = new(MjSubmit("/mj/submit/imagine"), (c, o) => c.ImagineAsync(With(new ImagineRequest("a cat"), o))),
            [(MidjourneyProvider.MjProxy, "blend")] = new(MjSubmit("/mj/submit/blend"), (c, o) => c.BlendAsync(With(new BlendRequest([png, png]), o))),
            [(MidjourneyProvider.MjProxy, "describe")] = new(MjSubmit("/mj/submit/describe"), (c, o) => c.DescribeAsync(With(new DescribeRequest(png), o))),
            [(MidjourneyProvider.MjProxy, "shorten")] = new(MjSubmit("/mj/submit/shorten"), (c, o) => c.ShortenAsync(With(new ShortenRequest("a very long prompt about a cat"), o))),
            [(MidjourneyProvider.MjProxy, "video")] = new(MjSubmit("/mj/submit/video"), (c, o) => c.VideoAsync(With(new VideoRequest(url) { Prompt = "waves" }, o))),
            [(MidjourneyProvider.MjProxy, "upscale (action)")] = new(MjPress("grid-1", MjProxyTestData.Grid()), (c, o) => c.UpscaleAsync(With(new UpscaleRequest("grid-1", 2), o))),
            [(MidjourneyProvider.MjProxy, "variation (action)")] = new(MjPress("grid-1", MjProxyTestData.Grid()), (c, o) => c.VariationAsync(With(new VariationRequest("grid-1", 3), o))),
            [(MidjourneyProvider.MjProxy, "reroll (action)")] = new(MjPress("grid-1", MjProxyTestData.Grid()), (c, o) => c.RerollAsync(With(new RerollRequest("grid-1"), o))),
            [(MidjourneyProvider.MjProxy, "pan (action)")] = new(MjPress("up-1", MjProxyTestData.Image()), (c, o) => c.PanAsync(With(new PanRequest("up-1", PanDirection.Up), o))),
            [(MidjourneyProvider.MjProxy, "zoom out (action)")] = new(MjPress("up-1", MjProxyTestData.Image()), (c, o) => c.OutpaintAsync(With(new OutpaintRequest("up-1", 2), o))),
            [(MidjourneyProvider.MjProxy, "custom zoom (action + modal)")] = new(
                MjPress("up-1", MjProxyTestData.Image(), dialog: true), (c, o) => c.OutpaintAsync(With(new OutpaintRequest("up-1", 1.8), o))),
            [(MidjourneyProvider.MjProxy, "vary region (action + modal)")] = new(
                MjPress("up-1", MjProxyTestData.Image(), dialog: true), (c, o) => c.InpaintAsync(With(new InpaintRequest("up-1", png) { Prompt = "a red hat" }, o))),

            [(MidjourneyProvider.Apixo, "imagine")] = new(apixo, (c, o) => c.ImagineAsync(With(new ImagineRequest("a cat"), o))),
            [(MidjourneyProvider.Apixo, "upscale")] = new(apixo, (c, o) => c.UpscaleAsync(With(new UpscaleRequest("grid-1", 2), o))),
            [(MidjourneyProvider.Apixo, "variation")] = new(apixo, (c, o) => c.VariationAsync(With(new VariationRequest("grid-1", 1), o))),
            [(MidjourneyProvider.Apixo, "inpaint")] = new(
                s =>
                {
                    apixo(s);
                    ApixoWire.AnswerStatus(s, "up-1", ApixoWire.Succeeded("up-1", "https://img.test/up-1.png"));
                },
                (c, o) => c.InpaintAsync(With(new InpaintRequest("up-1", url) { Prompt = "a red hat" }, o))),

            [(MidjourneyProvider.MidApi, "imagine")] = new(midApi, (c, o) => c.ImagineAsync(With(new ImagineRequest("a cat"), o))),
            [(MidjourneyProvider.MidApi, "upscale")] = new(midApi, (c, o) => c.UpscaleAsync(With(new UpscaleRequest("grid-1", 2), o))),
            [(MidjourneyProvider.MidApi, "vary")] = new(midApi, (c, o) => c.VariationAsync(With(new VariationRequest("grid-1", 3), o))),
            [(MidjourneyProvider.MidApi, "video")] = new(midApi, (c, o) => c.VideoAsync(With(new VideoRequest(url) { Prompt = "waves" }, o))),
        };
    }

    private WireServer NewServer(MidjourneyProvider provider)
    {
        WireServer server = Server(provider);
        _servers.Add(server);
        return server;
    }

    /// <summary>Runs <paramref name="name"/> of <paramref name="provider"/> and returns the server's log (every request matched a mapping).</summary>
    private async Task<IReadOnlyList<RecordedRequest>> Send(
        MidjourneyProvider provider, string name, Action<MidjourneyWebhookOptions>? webhooks, MidjourneyRequest? own = null)
    {
        WireServer server = NewServer(provider);
        Operation operation = Operations[(provider, name)];
        operation.Answer(server);
        MidjourneyClient client = Client(provider, server, o => webhooks?.Invoke(o.Webhooks));
        await operation.Run(client, own);
        Assert.Empty(server.Unmatched);
        return server.Requests;
    }

    /// <summary>The submits among <paramref name="requests"/>: every POST (MJ-Proxy's parent fetches and APIXO's status reads are GETs).</summary>
    private static RecordedRequest[] Submits(IReadOnlyList<RecordedRequest> requests)
    {
        RecordedRequest[] submits = [.. requests.Where(r => r.Method == HttpMethod.Post)];
        Assert.NotEmpty(submits);
        return submits;
    }

    private static JsonElement Body(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body!);
        return document.RootElement.Clone();
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) ? value.GetString() : null;

    /// <summary>Asserts every submit carries <paramref name="url"/> in the provider's field, and GoAPI <paramref name="goApiSecret"/> as webhook_secret.</summary>
    private static void AssertCallback(MidjourneyProvider provider, IReadOnlyList<RecordedRequest> requests, string url, string? goApiSecret = null)
    {
        foreach (RecordedRequest submit in Submits(requests))
        {
            JsonElement body = Body(submit);
            switch (provider)
            {
                case MidjourneyProvider.GoApi:
                    Assert.Equal(url, Text(body, "webhook_endpoint"));
                    Assert.Equal(goApiSecret, Text(body, "webhook_secret"));
                    break;
                case MidjourneyProvider.MjProxy:
                    Assert.Equal(url, Text(body, "notifyHook"));
                    break;
                case MidjourneyProvider.Apixo:
                    Assert.Equal("callback", Text(body, "request_type"));
                    Assert.Equal(url, Text(body, "callback_url"));
                    break;
                default:
                    Assert.Equal(url, Text(body, "callBackUrl"));
                    break;
            }
        }
    }

    // ---- the options' URL on every submit ----

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public async Task Submit_OptionsUrlAndNoRequestHook_EverySubmitCarriesIt(MidjourneyProvider provider, string operation, bool withSecret)
    {
        IReadOnlyList<RecordedRequest> requests = await Send(provider, operation, w => (w.Url, w.Secret) = (Hook, withSecret ? Secret : null));

        if (provider == MidjourneyProvider.GoApi)
        {
            AssertCallback(provider, requests, Hook.AbsoluteUri, withSecret ? Secret : null);
        }
        else
        {
            AssertCallback(provider, requests, withSecret ? WithToken(Hook, Secret).AbsoluteUri : Hook.AbsoluteUri);
        }

        // The secret goes nowhere but GoAPI's webhook_secret; without a secret there is no token.
        foreach (RecordedRequest request in requests)
        {
            string sent = Everything(request);
            if (provider == MidjourneyProvider.GoApi && request.Method == HttpMethod.Post && withSecret)
            {
                sent = sent.Replace("\"webhook_secret\":\"" + Secret + "\"", "", StringComparison.Ordinal);
            }

            Assert.DoesNotContain(Secret, sent, StringComparison.Ordinal);
            if (!withSecret || provider == MidjourneyProvider.GoApi)
            {
                Assert.DoesNotContain(TokenName, sent, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryOperation))]
    public async Task Submit_NoWebhookAnywhere_SendsNoCallbackField(MidjourneyProvider provider, string operation, bool notifyProgress)
    {
        IReadOnlyList<RecordedRequest> requests = await Send(provider, operation, w => w.NotifyProgress = notifyProgress);

        foreach (RecordedRequest submit in Submits(requests))
        {
            JsonElement body = Body(submit);
            foreach (string field in new[] { "webhook_endpoint", "webhook_secret", "notify_progress", "notifyHook", "callback_url", "callBackUrl" })
            {
                Assert.False(body.TryGetProperty(field, out _), $"{field} was sent without a webhook: {submit.Body}");
            }

            if (provider == MidjourneyProvider.Apixo)
            {
                Assert.Equal("async", Text(body, "request_type"));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Submit_GoApiNotifyProgress_SentOnlyWhenSet(bool notifyProgress)
    {
        foreach (string operation in new[] { "imagine", "upscale", "blend" })
        {
            IReadOnlyList<RecordedRequest> requests = await Send(MidjourneyProvider.GoApi, operation, w => (w.Url, w.NotifyProgress) = (Hook, notifyProgress));

            JsonElement body = Body(Assert.Single(requests));
            if (notifyProgress)
            {
                Assert.True(body.GetProperty("notify_progress").GetBoolean());
            }
            else
            {
                Assert.False(body.TryGetProperty("notify_progress", out _), body.GetRawText());
            }
        }
    }

    [Theory]
    [MemberData(nameof(TokenProviders), MemberType = typeof(WebhookKit))]
    public async Task Submit_NotifyProgressOnAProviderWithoutTheField_SendsOnlyTheUrl(MidjourneyProvider provider)
    {
        IReadOnlyList<RecordedRequest> requests = await Send(provider, "imagine", w => (w.Url, w.NotifyProgress) = (Hook, true));

        RecordedRequest submit = Assert.Single(requests);
        Assert.DoesNotContain("notify", submit.Body!.Replace("notifyHook", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        AssertCallback(provider, requests, Hook.AbsoluteUri);
    }

    // ---- a request's own URL and secret win ----

    public static TheoryData<MidjourneyProvider, string> OwnHookCases()
    {
        var data = new TheoryData<MidjourneyProvider, string>();
        foreach (MidjourneyProvider provider in new[] { MidjourneyProvider.GoApi, MidjourneyProvider.MjProxy, MidjourneyProvider.Apixo, MidjourneyProvider.MidApi })
        {
            foreach (string own in new[] { "url and secret", "url only", "secret only" })
            {
                data.Add(provider, own);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OwnHookCases))]
    public async Task Submit_RequestsOwnHookSettings_WinOverTheOptions(MidjourneyProvider provider, string own)
    {
        var request = new ImagineRequest("unused")
        {
            WebhookUrl = own.Contains("url", StringComparison.Ordinal) ? RequestHook : null,
            WebhookSecret = own.Contains("secret", StringComparison.Ordinal) ? RequestSecret : null,
        };
        Uri expectedUrl = request.WebhookUrl ?? Hook;
        string expectedSecret = request.WebhookSecret ?? Secret;

        IReadOnlyList<RecordedRequest> requests = await Send(provider, "imagine", w => (w.Url, w.Secret) = (Hook, Secret), request);

        if (provider == MidjourneyProvider.GoApi)
        {
            AssertCallback(provider, requests, expectedUrl.AbsoluteUri, expectedSecret);
        }
        else
        {
            AssertCallback(provider, requests, WithToken(expectedUrl, expectedSecret).AbsoluteUri);
            Assert.DoesNotContain(expectedSecret, Everything(Assert.Single(requests)), StringComparison.Ordinal);
        }

        // The options' secret never travels when the request has its own.
        if (request.WebhookSecret is not null)
        {
            Assert.DoesNotContain(Secret, Everything(Assert.Single(requests)), StringComparison.Ordinal);
            Assert.DoesNotContain(Token(Secret), Everything(Assert.Single(requests)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TokenProviders), MemberType = typeof(WebhookKit))]
    public async Task Submit_RequestsOwnSecretOnAFollowUp_TokenOfThatSecretOnEverySubmit(MidjourneyProvider provider)
    {
        string operation = provider == MidjourneyProvider.MjProxy ? "custom zoom (action + modal)" : "upscale";
        var own = new ImagineRequest("unused") { WebhookUrl = RequestHook, WebhookSecret = RequestSecret };

        IReadOnlyList<RecordedRequest> requests = await Send(provider, operation, w => (w.Url, w.Secret) = (Hook, Secret), own);

        AssertCallback(provider, requests, WithToken(RequestHook, RequestSecret).AbsoluteUri);
        Assert.All(requests, r => Assert.DoesNotContain(RequestSecret, Everything(r), StringComparison.Ordinal));
        if (provider == MidjourneyProvider.MjProxy)
        {
            Assert.Equal(2, Submits(requests).Length); // the press and the dialog's confirmation both carry it
        }
    }

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task Submit_RequestsOwnUrlWithoutAnySecret_SentAsIsWithoutAToken(MidjourneyProvider provider)
    {
        IReadOnlyList<RecordedRequest> requests = await Send(provider, "imagine", webhooks: null, new ImagineRequest("unused") { WebhookUrl = RequestHook });

        AssertCallback(provider, requests, RequestHook.AbsoluteUri);
        Assert.DoesNotContain(TokenName, Everything(Assert.Single(requests)), StringComparison.Ordinal);
    }

    [Fact]
    public void Token_AnySecret_IsTheDocumentedHmacInBase64Url()
    {
        // The SDK's own derivation matches the definition the kit computes; 43 characters, URL-safe, never the secret.
        string token = Midjourney.Sdk.Webhooks.WebhookToken.For(Secret);

        Assert.Equal(Token(Secret), token);
        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.NotEqual(Token(RequestSecret), token);
    }

    // ---- URL rules, before any traffic ----

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task Submit_HttpRequestHookWithoutAllowHttp_ThrowsArgumentBeforeAnyTraffic(MidjourneyProvider provider)
    {
        WireServer server = NewServer(provider);
        MidjourneyClient client = Client(provider, server, o => o.Webhooks.Secret = Secret);
        var hook = new Uri("http://hooks.example/mj");

        var imagine = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.ImagineAsync(new ImagineRequest("a cat") { WebhookUrl = hook }));

        // A follow-up too: MJ-Proxy would fetch the parent and APIXO nothing, but neither gets that far.
        var upscale = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.UpscaleAsync(new UpscaleRequest("grid-1", 1) { WebhookUrl = hook }));

        Assert.Empty(server.Requests);
        foreach (ArgumentException ex in new[] { imagine, upscale })
        {
            Assert.Contains("https", ex.Message, StringComparison.Ordinal);
            Assert.Contains("AllowHttp", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task Submit_HttpHookWithAllowHttp_SentAnyPort(MidjourneyProvider provider)
    {
        var hook = new Uri("http://127.0.0.1:5080/hooks/mj");

        IReadOnlyList<RecordedRequest> requests = await Send(provider, "imagine", w => (w.Url, w.AllowHttp) = (hook, true));

        AssertCallback(provider, requests, hook.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://hooks.example/mj", "https://hooks.example/mj")]
    [InlineData("https://hooks.example:443/mj", "https://hooks.example/mj")]
    [InlineData("https://hooks.example:80/mj", "https://hooks.example:80/mj")]
    public async Task Submit_GoApiHookOnPort443Or80_Sent(string hook, string sent)
    {
        IReadOnlyList<RecordedRequest> requests = await Send(MidjourneyProvider.GoApi, "imagine", webhooks: null, new ImagineRequest("unused") { WebhookUrl = new Uri(hook) });

        AssertCallback(MidjourneyProvider.GoApi, requests, sent);
    }

    [Theory]
    [InlineData("https://hooks.example:8443/mj")]
    [InlineData("https://hooks.example:8080/mj")]
    public async Task Submit_GoApiHookOnAnotherPort_RefusedBeforeAnyTrafficUnlessAllowHttp(string hook)
    {
        WireServer server = NewServer(MidjourneyProvider.GoApi);

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => Client(MidjourneyProvider.GoApi, server)
            .ImagineAsync(new ImagineRequest("a cat") { WebhookUrl = new Uri(hook) }));

        Assert.Contains("443", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WebhookUrl", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);

        IReadOnlyList<RecordedRequest> allowed = await Send(MidjourneyProvider.GoApi, "imagine", w => w.AllowHttp = true, new ImagineRequest("unused") { WebhookUrl = new Uri(hook) });
        AssertCallback(MidjourneyProvider.GoApi, allowed, hook);
    }

    [Theory]
    [MemberData(nameof(TokenProviders), MemberType = typeof(WebhookKit))]
    public async Task Submit_OtherProvidersHookOnAnyHttpsPort_Sent(MidjourneyProvider provider)
    {
        var hook = new Uri("https://hooks.example:8443/mj");

        IReadOnlyList<RecordedRequest> requests = await Send(provider, "imagine", w => w.Url = hook);

        AssertCallback(provider, requests, hook.AbsoluteUri);
    }

    // ---- options validation ----

    public static TheoryData<MidjourneyProvider, string?, bool, string?, string> InvalidOptions => new()
    {
        { MidjourneyProvider.MjProxy, "/hooks/mj", false, null, "Webhooks.Url" },
        { MidjourneyProvider.MjProxy, "/hooks/mj", true, null, "Webhooks.Url" },
        { MidjourneyProvider.Apixo, "http://hooks.example/mj", false, null, "Webhooks.Url" },
        { MidjourneyProvider.MidApi, "ftp://hooks.example/mj", true, null, "Webhooks.Url" },
        { MidjourneyProvider.GoApi, "https://hooks.example:8443/mj", false, null, "Webhooks.Url" },
        { MidjourneyProvider.GoApi, "https://hooks.example/mj", false, "   ", "Webhooks.Secret" },
        { MidjourneyProvider.MidApi, null, false, "", "Webhooks.Secret" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidWebhookOptions_ThrowsNamingTheKey(MidjourneyProvider provider, string? url, bool allowHttp, string? secret, string key)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = provider,
            ApiKey = ApiKey,
            BaseUrl = new Uri("https://relay.test/base"),
            Webhooks = { Url = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute), AllowHttp = allowHttp, Secret = secret },
        };

        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(new HttpClient(), options));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Equal("options", ex.ParamName);
    }

    [Fact]
    public void Constructor_HttpOptionsUrlWithoutAllowHttp_SaysHowToAllowIt()
    {
        var options = new MidjourneyClientOptions { Provider = MidjourneyProvider.MidApi, ApiKey = ApiKey, Webhooks = { Url = new Uri("http://hooks.example/mj"), Secret = Secret } };

        var ex = Assert.Throws<ArgumentException>(() => new MidjourneyClient(new HttpClient(), options));

        Assert.Contains("Webhooks.Url", ex.Message, StringComparison.Ordinal);
        Assert.Contains("https", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowHttp", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi, "https://hooks.example/mj", false)]
    [InlineData(MidjourneyProvider.GoApi, "https://hooks.example:80/mj", false)]
    [InlineData(MidjourneyProvider.GoApi, "http://localhost:5080/mj", true)]
    [InlineData(MidjourneyProvider.MjProxy, "https://hooks.example:8443/mj", false)]
    [InlineData(MidjourneyProvider.Apixo, "http://10.0.0.5/mj", true)]
    public void Constructor_UsableWebhookOptions_Accepted(MidjourneyProvider provider, string url, bool allowHttp)
    {
        var options = new MidjourneyClientOptions
        {
            Provider = provider,
            ApiKey = ApiKey,
            BaseUrl = new Uri("https://relay.test/base"),
            Webhooks = { Url = new Uri(url), AllowHttp = allowHttp, Secret = Secret },
        };

        using var client = new MidjourneyClient(new HttpClient(), options);

        Assert.Equal(provider, client.Provider);
    }
}
