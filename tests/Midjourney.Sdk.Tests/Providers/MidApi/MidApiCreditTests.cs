using System.Net;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.MidApi;

/// <summary>
/// The account balance on the midapi protocol: kie.ai's <c>GET api/v1/chat/credit</c> (credits), offered only when the
/// base URL is kie.ai's; midapi.ai (and any other host) has none, so the call fails before any traffic. Requests meant for
/// <c>https://api.kie.ai</c> are redirected to a <see cref="WireServer"/> by the transport.
/// </summary>
public sealed class MidApiCreditTests : IDisposable
{
    private const string ApiKey = "kie-test-key";
    private const string Credit = "/api/v1/chat/credit";

    private readonly WireServer _server = new WireServer().RequireHeader("Authorization", "Bearer " + ApiKey);

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(Uri? baseUrl) => new(
        new HttpClient(new RedirectHandler(_server.BaseUrl)),
        new MidjourneyClientOptions
        {
            Provider = MidjourneyProvider.MidApi,
            ApiKey = ApiKey,
            BaseUrl = baseUrl,
            Retry = { MaxRetries = 0 },
        },
        new FakeTimeProvider { AutoAdvance = true });

    private MidjourneyClient KieAi() => Client(new Uri("https://api.kie.ai"));

    [Fact]
    public void Capabilities_OnKieAi_BalanceButNoCancel()
    {
        MidjourneyCapabilities capabilities = KieAi().Capabilities;

        Assert.True(capabilities.SupportsBalance);
        Assert.False(capabilities.SupportsCancel);
        Assert.Equal([MidjourneyAction.Imagine, MidjourneyAction.Upscale, MidjourneyAction.Variation, MidjourneyAction.Video], capabilities.SupportedActions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://api.midapi.ai")]
    [InlineData("http://127.0.0.1:5000")]
    public void Capabilities_OffKieAi_NoBalance(string? baseUrl)
    {
        MidjourneyCapabilities capabilities = Client(baseUrl is null ? null : new Uri(baseUrl)).Capabilities;

        Assert.False(capabilities.SupportsBalance);
        Assert.False(capabilities.SupportsCancel);
    }

    [Fact]
    public async Task GetBalanceAsync_OnKieAi_GetsChatCreditWithTheBearerKey()
    {
        const string answer = """{"code":200,"msg":"success","data":100}""";
        _server.On(HttpMethod.Get, Credit, Wire.Json(answer));

        MidjourneyBalance balance = await KieAi().GetBalanceAsync();

        RecordedRequest request = _server.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(Credit, request.Path);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.True(string.IsNullOrEmpty(request.Body));
        Assert.Equal(new MidjourneyBalance(100m, "credits", answer), balance);
    }

    [Theory]
    [InlineData("12.5", "12.5")]
    [InlineData("\"88\"", "88")]
    public async Task GetBalanceAsync_NumberOrStringCredits_AreRead(string data, string expected)
    {
        _server.On(HttpMethod.Get, Credit, Wire.Json($$"""{"code":200,"msg":"success","data":{{data}}}"""));

        MidjourneyBalance balance = await KieAi().GetBalanceAsync();

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), balance.Amount);
        Assert.Equal("credits", balance.Unit);
    }

    [Fact]
    public async Task GetBalanceAsync_NoData_ThrowsProtocol()
    {
        _server.On(HttpMethod.Get, Credit, Wire.Json("""{"code":200,"msg":"success","data":null}"""));

        await Assert.ThrowsAsync<MidjourneyProtocolException>(() => KieAi().GetBalanceAsync());
    }

    [Fact]
    public async Task GetBalanceAsync_401Code_ThrowsAuthentication()
    {
        _server.On(HttpMethod.Get, Credit, Wire.Json("""{"code":401,"msg":"You do not have access permissions"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => KieAi().GetBalanceAsync());

        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
    }

    [Fact]
    public async Task GetBalanceAsync_Http401_ThrowsAuthentication()
    {
        _server.On(HttpMethod.Get, Credit, Wire.Error(HttpStatusCode.Unauthorized, """{"code":401,"msg":"Unauthorized"}"""));

        await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => KieAi().GetBalanceAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://api.midapi.ai")]
    public async Task GetBalanceAsync_OffKieAi_NotSupportedBeforeAnyRequest(string? baseUrl)
    {
        _server.OnAny(Wire.Json("""{"code":200,"msg":"success","data":1}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(baseUrl is null ? null : new Uri(baseUrl)).GetBalanceAsync());

        Assert.Equal(MidjourneyProvider.MidApi, ex.Provider);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task CancelTaskAsync_OnKieAi_NotSupportedBeforeAnyRequest()
    {
        _server.OnAny(Wire.Json("""{"code":200,"msg":"success","data":1}"""));

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => KieAi().CancelTaskAsync("task-1"));

        Assert.Empty(_server.Requests);
    }

    /// <summary>Sends every request to <paramref name="target"/>'s host and port, keeping its path and query.</summary>
    private sealed class RedirectHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
