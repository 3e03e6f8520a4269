using System.Net;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>APIXO's account balance: <c>GET api/v1/apikeys/current-balance</c> (USD) over a <see cref="WireServer"/>, read leniently.</summary>
public sealed class ApixoBalanceTests : IDisposable
{
    private const string CurrentBalance = "/api/v1/apikeys/current-balance";

    private readonly WireServer _server = ApixoWire.Server();

    public void Dispose() => _server.Dispose();

    private MidjourneyClient Client(Action<MidjourneyClientOptions>? configure = null) => ApixoWire.Client(_server, configure: configure);

    [Fact]
    public void Capabilities_OnApixo_BalanceButNoCancel()
    {
        MidjourneyCapabilities capabilities = Client().Capabilities;

        Assert.True(capabilities.SupportsBalance);
        Assert.False(capabilities.SupportsCancel);
    }

    [Fact]
    public async Task GetBalanceAsync_GetsCurrentBalanceWithTheBearerKeyAndNoBody()
    {
        const string answer = """{"code":200,"message":"success","data":{"balance":12.34}}""";
        _server.On(HttpMethod.Get, CurrentBalance, Wire.Json(answer));

        MidjourneyBalance balance = await Client().GetBalanceAsync();

        RecordedRequest request = _server.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(_server.Url(CurrentBalance), request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + ApixoWire.ApiKey, request.Header("Authorization"));
        Assert.True(string.IsNullOrEmpty(request.Body));
        Assert.Equal(new MidjourneyBalance(12.34m, "USD", answer), balance);
    }

    [Theory]
    [InlineData("""{"balance":"7.5"}""", "7.5")]
    [InlineData("""{"amount":3}""", "3")]
    [InlineData("""{"current_balance":"0.01"}""", "0.01")]
    [InlineData("42.125", "42.125")]
    [InlineData("\"19.99\"", "19.99")]
    public async Task GetBalanceAsync_NumberOrStringAmounts_AreRead(string data, string expected)
    {
        _server.On(HttpMethod.Get, CurrentBalance, Wire.Json($$"""{"code":200,"message":"success","data":{{data}}}"""));

        MidjourneyBalance balance = await Client().GetBalanceAsync();

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), balance.Amount);
        Assert.Equal("USD", balance.Unit);
    }

    [Theory]
    [InlineData("""{"code":200,"message":"success","data":{"other":1}}""")]
    [InlineData("""{"code":200,"message":"success","data":"lots"}""")]
    [InlineData("""{"code":200,"message":"success"}""")]
    public async Task GetBalanceAsync_NoReadableAmount_ThrowsProtocol(string answer)
    {
        _server.On(HttpMethod.Get, CurrentBalance, Wire.Json(answer));

        await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Client().GetBalanceAsync());
    }

    [Fact]
    public async Task GetBalanceAsync_401_ThrowsAuthentication()
    {
        _server.On(HttpMethod.Get, CurrentBalance, Wire.Error(HttpStatusCode.Unauthorized, """{"code":401,"message":"Invalid API key","data":{"error":"UNAUTHORIZED"}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Client().GetBalanceAsync());

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
    }

    [Fact]
    public async Task GetBalanceAsync_ErrorCodeInA200Envelope_ThrowsTheMappedError()
    {
        _server.On(HttpMethod.Get, CurrentBalance, Wire.Json("""{"code":401,"message":"Invalid API key"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Client().GetBalanceAsync());

        Assert.Contains("Invalid API key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelTaskAsync_OnApixo_NotSupportedBeforeAnyRequest()
    {
        _server.OnAny(Wire.Json("""{"code":200}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client().CancelTaskAsync("task-1"));

        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
        Assert.Empty(_server.Requests);
    }
}
