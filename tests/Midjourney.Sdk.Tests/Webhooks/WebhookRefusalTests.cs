using System.Globalization;
using System.Text;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Webhooks.WebhookKit;

namespace Midjourney.Sdk.Tests.Webhooks;

/// <summary>
/// Callbacks <see cref="MidjourneyClient.HandleWebhookAsync"/> refuses, each with the right
/// <see cref="MidjourneyWebhookException.Refusal"/> and a message that says what is wrong without quoting the secret, the
/// token or what was presented: too large, unreadable, and not authentic (GoAPI's header, the SDK's URL token, kie.ai's
/// signature), with a request's own secret checked in place of the options'. Offline, on a fake clock.
/// </summary>
public sealed class WebhookRefusalTests
{
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    private MidjourneyClient Client(MidjourneyProvider provider, string? secret = Secret) =>
        Offline(provider, o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, secret), _time);

    /// <summary>Asserts the refusal, its code, and that its message quotes none of <paramref name="hidden"/> (nor the secrets and their tokens).</summary>
    private static async Task<MidjourneyWebhookException> Refused(
        MidjourneyClient client, MidjourneyWebhookRequest request, MidjourneyWebhookRefusal refusal, params string[] hidden)
    {
        var ex = await Assert.ThrowsAsync<MidjourneyWebhookException>(() => client.HandleWebhookAsync(request));
        Assert.Equal(refusal, ex.Refusal);
        Assert.Equal(client.Provider, ex.Provider);
        Assert.False(ex.IsTransient);
        Assert.Equal(
            refusal switch
            {
                MidjourneyWebhookRefusal.NotAuthentic => "WEBHOOK_NOT_AUTHENTIC",
                MidjourneyWebhookRefusal.TooLarge => "WEBHOOK_TOO_LARGE",
                _ => "WEBHOOK_UNREADABLE",
            },
            ex.ErrorCode);
        foreach (string text in hidden.Concat([Secret, RequestSecret, Token(Secret), Token(RequestSecret)]).Where(h => h.Length > 0))
        {
            Assert.DoesNotContain(text, ex.ToString(), StringComparison.Ordinal);
        }

        return ex;
    }

    // ---- too large ----

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task HandleWebhookAsync_BodyOverOneMebibyte_RefusedAsTooLargeBeforeReadingIt(MidjourneyProvider provider)
    {
        using MidjourneyClient client = Client(provider);

        // Not JSON at all: were it read first, the refusal would be Unreadable.
        byte[] body = new byte[MidjourneyWebhookRequest.MaxBodyBytes + 1];
        Array.Fill(body, (byte)'x');

        var ex = await Refused(client, new MidjourneyWebhookRequest(body, url: WithToken(Hook, Secret)), MidjourneyWebhookRefusal.TooLarge);

        Assert.Contains((MidjourneyWebhookRequest.MaxBodyBytes + 1).ToString(CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public async Task HandleWebhookAsync_BodyOfExactlyOneMebibyte_Accepted()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.GoApi, secret: null);
        string json = GoApi("t-big", "finished", 100, imageUrl: "https://img.test/t-big.png");
        byte[] body = Encoding.UTF8.GetBytes(json.PadRight(MidjourneyWebhookRequest.MaxBodyBytes));

        MidjourneyTask task = await client.HandleWebhookAsync(new MidjourneyWebhookRequest(body));

        Assert.Equal("t-big", task.Id);
    }

    // ---- unreadable ----

    public static TheoryData<MidjourneyProvider, string, string> UnreadableBodies()
    {
        var data = new TheoryData<MidjourneyProvider, string, string>();
        foreach (MidjourneyProvider provider in new[] { MidjourneyProvider.GoApi, MidjourneyProvider.MjProxy, MidjourneyProvider.Apixo, MidjourneyProvider.MidApi })
        {
            data.Add(provider, "", "JSON");
            data.Add(provider, "<html><body>502 Bad Gateway</body></html>", "JSON");
            data.Add(provider, "task_id=t1&status=finished", "JSON");
            data.Add(provider, "null", "");
            data.Add(provider, "[1,2,3]", "JSON");
            data.Add(provider, "\"finished\"", "JSON");
            data.Add(provider, "{}", "task");
        }

        // Another provider's body, or the right shape without the id.
        data.Add(MidjourneyProvider.GoApi, """{"id":"t1","status":"SUCCESS","progress":"100%"}""", "task_id");
        data.Add(MidjourneyProvider.GoApi, """{"task_id":"","status":"finished"}""", "task_id");
        data.Add(MidjourneyProvider.MjProxy, """{"task_id":"t1","status":"finished"}""", "id");
        data.Add(MidjourneyProvider.MjProxy, """{"id":null,"status":"SUCCESS"}""", "id");
        data.Add(MidjourneyProvider.Apixo, """{"code":200,"message":"success","data":null}""", "data.taskId");
        data.Add(MidjourneyProvider.Apixo, """{"code":200,"message":"success","data":{"state":"success"}}""", "data.taskId");
        data.Add(MidjourneyProvider.Apixo, """{"taskId":"t1","state":"success"}""", "data.taskId");
        data.Add(MidjourneyProvider.Apixo, """{"code":200,"message":"success","data":{"taskId":"t1","state":"success","resultJson":"not json"}}""", "resultJson");
        data.Add(MidjourneyProvider.MidApi, """{"code":200,"msg":"success","data":{"promptJson":"{}","resultUrls":[]}}""", "data.taskId");
        data.Add(MidjourneyProvider.MidApi, """{"code":200,"msg":"success"}""", "data.taskId");
        data.Add(MidjourneyProvider.MidApi, """{"taskId":"t1","resultUrls":[]}""", "data.taskId");
        return data;
    }

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task HandleWebhookAsync_NotTheProvidersCallback_RefusedAsUnreadable(MidjourneyProvider provider, string body, string named)
    {
        // With a valid token and header: the body alone is what is wrong.
        using MidjourneyClient client = Client(provider);

        var ex = await Refused(client, Authentic(provider, body, Secret), MidjourneyWebhookRefusal.Unreadable);

        Assert.Contains(provider.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<MidjourneyProvider, string> HostileIds()
    {
        var data = new TheoryData<MidjourneyProvider, string>();
        foreach (MidjourneyProvider provider in new[] { MidjourneyProvider.GoApi, MidjourneyProvider.MjProxy, MidjourneyProvider.Apixo, MidjourneyProvider.MidApi })
        {
            data.Add(provider, new string('a', 129));
            data.Add(provider, "t-1\\nWARN forged log line");
            data.Add(provider, "t-1\\u0000");
            data.Add(provider, "t-1\\u001b[31m");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task HandleWebhookAsync_AnIdNoProviderMakes_RefusedAsUnreadable_WithoutQuotingIt(MidjourneyProvider provider, string id)
    {
        using MidjourneyClient client = Client(provider);
        string body = provider switch
        {
            MidjourneyProvider.GoApi => GoApi(id, "finished", 100, imageUrl: "https://img.test/a.png"),
            MidjourneyProvider.MjProxy => MjProxy(id, "SUCCESS", "100%", imageUrl: "https://img.test/a.png"),
            MidjourneyProvider.Apixo => Apixo(id, "success"),
            _ => MidApi(id),
        };

        var ex = await Refused(client, Authentic(provider, body, Secret), MidjourneyWebhookRefusal.Unreadable);

        Assert.Contains("not a task id", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("forged", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("aaaaaaaa", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ex.Message, c => char.IsControl(c));
    }

    [Fact]
    public async Task HandleWebhookAsync_AnIdOfTheLongestLength_Accepted()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.GoApi, secret: null);
        string id = new('a', 128);

        MidjourneyTask task = await client.HandleWebhookAsync(Arrived(GoApi(id, "finished", 100, imageUrl: "https://img.test/a.png")));

        Assert.Equal(id, task.Id);
    }

    // ---- not authentic: GoAPI's x-webhook-secret ----

    [Fact]
    public async Task HandleWebhookAsync_GoApiRightSecretHeader_Accepted()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.GoApi);

        // Header names are matched ignoring case, and GoAPI's callback carries no token.
        MidjourneyTask task = await client.HandleWebhookAsync(Arrived(GoApi("t1", "finished", 100), [new("X-Webhook-Secret", Secret)], Hook));

        Assert.Equal("t1", task.Id);
    }

    [Fact]
    public async Task HandleWebhookAsync_GoApiSecretHeaderMissing_RefusedNamingTheHeader()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.GoApi);

        // The SDK's token in the URL is no substitute: GoAPI authenticates with its header.
        var ex = await Refused(client, Arrived(GoApi("t1", "finished", 100), [], WithToken(Hook, Secret)), MidjourneyWebhookRefusal.NotAuthentic);

        Assert.Contains("x-webhook-secret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("t1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("whsec-someone-elses-secret")]
    [InlineData("")]
    [InlineData(Secret + " ")]
    [InlineData("WHSEC-OPTIONS-5F2C9A1E7B3D")]
    public async Task HandleWebhookAsync_GoApiWrongSecretHeader_RefusedWithoutQuotingEither(string presented)
    {
        using MidjourneyClient client = Client(MidjourneyProvider.GoApi);

        var ex = await Refused(
            client, Arrived(GoApi("t1", "finished", 100), [new("x-webhook-secret", presented)], Hook), MidjourneyWebhookRefusal.NotAuthentic, presented.Trim());

        Assert.Contains("x-webhook-secret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not match", ex.Message, StringComparison.Ordinal);
    }

    // ---- not authentic: the SDK's token in the URL (MJ-Proxy, APIXO, midapi) ----

    [Theory]
    [MemberData(nameof(TokenProviders), MemberType = typeof(WebhookKit))]
    public async Task HandleWebhookAsync_RightToken_Accepted(MidjourneyProvider provider)
    {
        using MidjourneyClient client = Client(provider);
        string body = Callback(provider, "t1", RelayTaskState.Succeeded);

        MidjourneyTask plain = await client.HandleWebhookAsync(Arrived(body, [], WithToken(Hook, Secret)));
        MidjourneyTask amongOthers = await client.HandleWebhookAsync(Arrived(body, [], new Uri(WithToken(RequestHook, Secret).AbsoluteUri + "&y=2")));

        Assert.Equal("t1", plain.Id);
        Assert.Equal("t1", amongOthers.Id);
    }

    public static TheoryData<MidjourneyProvider, string> WrongTokens()
    {
        var data = new TheoryData<MidjourneyProvider, string>();
        foreach (MidjourneyProvider provider in new[] { MidjourneyProvider.MjProxy, MidjourneyProvider.Apixo, MidjourneyProvider.MidApi })
        {
            data.Add(provider, Hook.AbsoluteUri);
            data.Add(provider, Hook.AbsoluteUri + "?x=1");
            data.Add(provider, WithToken(Hook, "whsec-someone-elses-secret").AbsoluteUri);
            data.Add(provider, Hook.AbsoluteUri + "?" + TokenName + "=");
            data.Add(provider, Hook.AbsoluteUri + "?" + TokenName + "=" + Token(Secret)[..^1]);
            data.Add(provider, Hook.AbsoluteUri + "?" + TokenName + "=" + Token(Secret).ToUpperInvariant());
            data.Add(provider, Hook.AbsoluteUri + "?" + TokenName + "=" + Secret); // the secret itself is not the token
            data.Add(provider, Hook.AbsoluteUri + "?MJSDK_TOKEN=" + Token(Secret));
            data.Add(provider, Hook.AbsoluteUri + "#" + TokenName + "=" + Token(Secret));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task HandleWebhookAsync_MissingOrWrongToken_RefusedNamingTheParameter(MidjourneyProvider provider, string url)
    {
        using MidjourneyClient client = Client(provider);
        string presented = new Uri(url).Query.Split('=').Last();

        var ex = await Refused(
            client, Arrived(Callback(provider, "t1", RelayTaskState.Succeeded), [], new Uri(url)), MidjourneyWebhookRefusal.NotAuthentic, presented.Length > 8 ? [presented] : []);

        Assert.Contains(TokenName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("t1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task HandleWebhookAsync_UrlUnknownWithASecretConfigured_Refused(MidjourneyProvider provider)
    {
        using MidjourneyClient client = Client(provider);
        string body = Callback(provider, "t1", RelayTaskState.Succeeded);

        // For GoAPI the URL does not matter, so the header is left out too; for the others the token cannot be checked.
        await Refused(client, Arrived(body, [], url: null), MidjourneyWebhookRefusal.NotAuthentic);
    }

    [Theory]
    [MemberData(nameof(TokenProviders), MemberType = typeof(WebhookKit))]
    public async Task HandleWebhookAsync_SecretInAHeaderInsteadOfTheToken_Refused(MidjourneyProvider provider)
    {
        using MidjourneyClient client = Client(provider);

        await Refused(client, Arrived(Callback(provider, "t1", RelayTaskState.Succeeded), [new("x-webhook-secret", Secret)], Hook), MidjourneyWebhookRefusal.NotAuthentic);
    }

    // ---- midapi / kie.ai: the signature headers ----

    [Fact]
    public async Task HandleWebhookAsync_KieSignatureValid_AcceptedWithoutAToken()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MidApi);
        string body = MidApi("kie-1");

        MidjourneyTask withoutUrl = await client.HandleWebhookAsync(Arrived(body, KieSignature(Secret, "kie-1", _time.GetUtcNow()), url: null));
        MidjourneyTask plainUrl = await client.HandleWebhookAsync(Arrived(body, KieSignature(Secret, "kie-1", _time.GetUtcNow().AddMinutes(-59)), Hook));
        MidjourneyTask ahead = await client.HandleWebhookAsync(Arrived(body, KieSignature(Secret, "kie-1", _time.GetUtcNow().AddMinutes(5)), Hook));

        Assert.All(new[] { withoutUrl, plainUrl, ahead }, task => Assert.Equal("kie-1", task.Id));
    }

    [Fact]
    public async Task HandleWebhookAsync_KieSignatureHeaderNamesInAnyCase_Accepted()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MidApi);
        KeyValuePair<string, string>[] signed = KieSignature(Secret, "kie-1", _time.GetUtcNow());

        MidjourneyTask task = await client.HandleWebhookAsync(Arrived(MidApi("kie-1"), signed.Select(h => KeyValuePair.Create(h.Key.ToLowerInvariant(), h.Value)), url: null));

        Assert.Equal("kie-1", task.Id);
    }

    [Fact]
    public async Task HandleWebhookAsync_KieSignatureWithAnotherKey_Refused()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MidApi);
        KeyValuePair<string, string>[] signed = KieSignature("whsec-someone-elses-secret", "kie-1", _time.GetUtcNow());

        // A right token does not rescue a wrong signature: a signed callback is judged by its signature.
        var ex = await Refused(client, Arrived(MidApi("kie-1"), signed, WithToken(Hook, Secret)), MidjourneyWebhookRefusal.NotAuthentic, signed[1].Value);

        Assert.Contains("X-Webhook-Signature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleWebhookAsync_KieSignatureOfAnotherTask_Refused()
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MidApi);

        // A genuine signature replayed onto another task's body.
        KeyValuePair<string, string>[] signed = KieSignature(Secret, "kie-1", _time.GetUtcNow());

        await Refused(client, Arrived(MidApi("kie-2"), signed, url: null), MidjourneyWebhookRefusal.NotAuthentic, signed[1].Value);
    }

    [Theory]
    [InlineData(-61)]
    [InlineData(-24 * 60)]
    [InlineData(61)]
    public async Task HandleWebhookAsync_KieTimestampMoreThanAnHourAway_Refused(int minutes)
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MidApi);
        KeyValuePair<string, string>[] signed = KieSignature(Secret, "kie-1", _time.GetUtcNow().AddMinutes(minutes));

        var ex = await Refused(client, Arrived(MidApi("kie-1"), signed, WithToken(Hook, Secret)), MidjourneyWebhookRefusal.NotAuthentic, signed[1].Value);

        Assert.Contains("X-Webhook-Timestamp", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("1767225600.5")]
    [InlineData("-5")]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("99999999999999999999999")]
    public async Task HandleWebhookAsync_KieTimestampNotUnixSeconds_Refused(string timestamp)
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MidApi);
        KeyValuePair<string, string>[] signed = KieSignature(Secret, "kie-1", timestamp);

        var ex = await Refused(client, Arrived(MidApi("kie-1"), signed, url: null), MidjourneyWebhookRefusal.NotAuthentic, signed[1].Value);

        Assert.Contains("X-Webhook-Timestamp", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("")]
    [InlineData("AAAA")]
    public async Task HandleWebhookAsync_KieSignatureMalformed_Refused(string signature)
    {
        using MidjourneyClient client = Client(MidjourneyProvider.MidApi);
        KeyValuePair<string, string>[] headers =
        [
            new("X-Webhook-Timestamp", _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("X-Webhook-Signature", signature),
        ];

        var ex = await Refused(client, Arrived(MidApi("kie-1"), headers, url: null), MidjourneyWebhookRefusal.NotAuthentic);

        Assert.Contains("X-Webhook-Signature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleWebhookAsync_KieSignatureOnAnotherProvider_NotAccepted()
    {
        // Only midapi (kie.ai) signs: on MJ-Proxy and APIXO the headers are ignored and the token is required.
        foreach (MidjourneyProvider provider in new[] { MidjourneyProvider.MjProxy, MidjourneyProvider.Apixo })
        {
            using MidjourneyClient client = Client(provider);
            await Refused(
                client, Arrived(Callback(provider, "kie-1", RelayTaskState.Succeeded), KieSignature(Secret, "kie-1", _time.GetUtcNow()), Hook), MidjourneyWebhookRefusal.NotAuthentic);
        }
    }

    // ---- a request's own secret ----

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task HandleWebhookAsync_TaskSubmittedWithItsOwnSecret_CheckedAgainstThatSecret(MidjourneyProvider provider)
    {
        using WireServer server = Server(provider);
        AnswerImagine(server, provider, "own-1");
        using MidjourneyClient client = WebhookKit.Client(provider, server, o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret));
        await client.ImagineAsync(new ImagineRequest("a cat") { WebhookSecret = RequestSecret });
        string body = Callback(provider, "own-1", RelayTaskState.Succeeded);

        await Refused(client, Authentic(provider, body, Secret), MidjourneyWebhookRefusal.NotAuthentic);
        MidjourneyTask task = await client.HandleWebhookAsync(Authentic(provider, body, RequestSecret));

        Assert.Equal("own-1", task.Id);

        // Any other task is still checked against the options' secret.
        string other = Callback(provider, "other-1", RelayTaskState.Succeeded);
        await Refused(client, Authentic(provider, other, RequestSecret), MidjourneyWebhookRefusal.NotAuthentic);
        Assert.Equal("other-1", (await client.HandleWebhookAsync(Authentic(provider, other, Secret))).Id);
    }

    [Theory]
    [MemberData(nameof(AllProviders), MemberType = typeof(WebhookKit))]
    public async Task HandleWebhookAsync_OwnSecretWithoutAnOptionsSecret_StillRequired(MidjourneyProvider provider)
    {
        using WireServer server = Server(provider);
        AnswerImagine(server, provider, "own-2");
        using MidjourneyClient client = WebhookKit.Client(provider, server);
        await client.ImagineAsync(new ImagineRequest("a cat") { WebhookUrl = Hook, WebhookSecret = RequestSecret });
        string body = Callback(provider, "own-2", RelayTaskState.Succeeded);

        await Refused(client, Arrived(body, [], Hook), MidjourneyWebhookRefusal.NotAuthentic);
        Assert.Equal("own-2", (await client.HandleWebhookAsync(Authentic(provider, body, RequestSecret))).Id);

        // Tasks submitted without a secret are not authenticated (the client has none for them).
        Assert.Equal("free-1", (await client.HandleWebhookAsync(Arrived(Callback(provider, "free-1", RelayTaskState.Succeeded)))).Id);
    }

    [Fact]
    public async Task HandleWebhookAsync_MidApiTaskWithItsOwnSecret_SignatureCheckedWithThatSecret()
    {
        using WireServer server = Server(MidjourneyProvider.MidApi);
        AnswerImagine(server, MidjourneyProvider.MidApi, "own-3");
        using MidjourneyClient client = WebhookKit.Client(MidjourneyProvider.MidApi, server, o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret), _time);
        await client.ImagineAsync(new ImagineRequest("a cat") { WebhookSecret = RequestSecret });

        await Refused(client, Arrived(MidApi("own-3"), KieSignature(Secret, "own-3", _time.GetUtcNow())), MidjourneyWebhookRefusal.NotAuthentic);
        Assert.Equal("own-3", (await client.HandleWebhookAsync(Arrived(MidApi("own-3"), KieSignature(RequestSecret, "own-3", _time.GetUtcNow())))).Id);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    public async Task HandleWebhookAsync_ForgedCallbacksWithEndlessNewStatuses_RefusedAndLittleLogged(MidjourneyProvider provider)
    {
        // A body is read before it is verified (the check needs its task id): a forger sending a new, long status each time
        // must not make the client log (and remember) every one of them.
        var logs = new ListLoggerProvider();
        using MidjourneyClient client = Offline(provider, o => (o.Webhooks.Url, o.Webhooks.Secret) = (Hook, Secret), _time, logs.CreateFactory());
        for (int i = 0; i < 300; i++)
        {
            string status = $"FORGED_{i}_" + new string('X', 20_000);
            string body = provider == MidjourneyProvider.GoApi ? GoApi("t1", status, 0) : MjProxy("t1", status, "0%");
            await Refused(client, Arrived(body, [], Hook), MidjourneyWebhookRefusal.NotAuthentic);
        }

        LogEntry[] unknown = [.. logs.Entries.Where(e => e.Message.Contains("unknown task status", StringComparison.Ordinal))];
        Assert.InRange(unknown.Length, 1, Midjourney.Sdk.Providers.UnknownStatusLog.MaxRemembered);
        Assert.All(unknown, e => Assert.InRange(e.Message.Length, 1, 200));
    }

    // ---- nothing shows the secret ----

    [Fact]
    public void WebhookRequest_ToString_ShowsSizeAndPathButNoHeaderValueOrQuery()
    {
        var request = new MidjourneyWebhookRequest(
            Encoding.UTF8.GetBytes(GoApi("t1", "finished", 100)),
            [new("x-webhook-secret", Secret), new("X-Webhook-Signature", "c2lnbmF0dXJl"), new("Authorization", "Bearer hook-key-123")],
            new Uri(WithToken(Hook, Secret).AbsoluteUri + "&user_token=abc123"));

        string text = request.ToString();

        Assert.Contains("https://hooks.example/mj/callback", text, StringComparison.Ordinal);
        Assert.Contains(request.Body.Length.ToString(CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        foreach (string hidden in new[] { Secret, Token(Secret), TokenName, "?", "c2lnbmF0dXJl", "hook-key-123", "abc123" })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WebhookRequest_ToString_UnknownOrRelativeUrl_SaysSo()
    {
        Assert.Contains("unknown URL", new MidjourneyWebhookRequest(new byte[3]).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(
            "secret",
            new MidjourneyWebhookRequest(new byte[3], url: new Uri("/hook?mjsdk_token=secret", UriKind.Relative)).ToString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void WebhookRequest_RepeatedHeaderNames_FirstValueKeptIgnoringCase()
    {
        var request = new MidjourneyWebhookRequest(ReadOnlyMemory<byte>.Empty, [new("X-Webhook-Secret", "first"), new("x-webhook-secret", "second")]);

        Assert.Equal("first", request.Headers["X-WEBHOOK-SECRET"]);
        Assert.Single(request.Headers);
    }

    [Fact]
    public void WebhookOptions_ToString_ShowsTheUrlsPathButNeitherTheSecretNorTheQuery()
    {
        var options = new MidjourneyWebhookOptions
        {
            Url = new Uri("https://hooks.example/mj/callback?" + TokenName + "=" + Token(Secret) + "&key=user-own-key-42"),
            Secret = Secret,
            NotifyProgress = true,
        };

        string text = options.ToString();

        Assert.Contains("https://hooks.example/mj/callback", text, StringComparison.Ordinal);
        Assert.Contains("Secret = (set)", text, StringComparison.Ordinal);
        foreach (string hidden in new[] { Secret, Token(Secret), TokenName, "user-own-key-42" })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
        }

        Assert.Contains("Secret = (none)", new MidjourneyWebhookOptions().ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("x=1", new MidjourneyWebhookOptions { Url = new Uri("/relative?x=1", UriKind.Relative) }.ToString(), StringComparison.Ordinal);
    }
}
