using System.Net;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// Looking up a task's seed on MJ-Proxy (trueai-org servers): <c>GET mj/task/{id}/image-seed</c> over a <see cref="WireServer"/>,
/// with the answers trueai-org's <c>TaskController.ImageSeed</c> gives (code 1 and the seed; HTTP 400 code 4 for a task without
/// its Discord message; HTTP 200 code 3 when none was found; HTTP 404 code 3 for an unknown task; code 9 Discord's error).
/// </summary>
public sealed class MjProxySeedTests : IDisposable
{
    private const string ImageSeed = "/mj/task/task-7/image-seed";

    private readonly WireServer _server = Server();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Capabilities_OnMjProxy_SeedLookup()
    {
        Assert.True(Client(_server).Capabilities.SupportsSeedLookup);
    }

    [Fact]
    public async Task GetSeedAsync_Success_GetsTheImageSeedPathWithTheKey_AndReturnsTheResult()
    {
        _server.On(HttpMethod.Get, ImageSeed, Wire.Json("""{"code":1,"description":"成功","result":"1234567890","properties":{}}"""));

        string? seed = await Client(_server).GetSeedAsync("task-7");

        Assert.Equal("1234567890", seed);
        RecordedRequest request = _server.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(_server.Url(ImageSeed), request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task GetSeedAsync_ApiSecretHeader_SendsTheKeyThere()
    {
        using WireServer server = Server(MjProxyAuthHeader.ApiSecret);
        server.On(HttpMethod.Get, ImageSeed, Wire.Json("""{"code":1,"description":"Success","result":"42"}"""));

        string? seed = await Client(server, o => o.MjProxy.AuthHeader = MjProxyAuthHeader.ApiSecret).GetSeedAsync("task-7");

        Assert.Equal("42", seed);
        Assert.Equal(ApiKey, server.Single.Header("mj-api-secret"));
    }

    [Fact]
    public async Task GetSeedAsync_NumericResult_IsReadAsText()
    {
        _server.On(HttpMethod.Get, ImageSeed, Wire.Json("""{"code":1,"description":"Success","result":3054136721}"""));

        Assert.Equal("3054136721", await Client(_server).GetSeedAsync("task-7"));
    }

    [Fact]
    public async Task GetSeedAsync_IdWithReservedCharacters_IsEscapedInThePath()
    {
        _server.OnAny(Wire.Json("""{"code":1,"description":"Success","result":"7"}"""));

        await Client(_server).GetSeedAsync("a b/c");

        Assert.Equal(_server.Url("/mj/task/a%20b%2Fc/image-seed"), _server.Single.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task GetSeedAsync_400Code4_TaskWithoutItsDiscordMessage_ReturnsNull()
    {
        // trueai-org: BadRequest(SubmitResultVO.Fail(VALIDATION_ERROR, "关联任务状态错误")) while the task has no message hash.
        _server.On(HttpMethod.Get, ImageSeed, Wire.Error(HttpStatusCode.BadRequest, """{"code":4,"description":"关联任务状态错误","result":null,"properties":{}}"""));

        Assert.Null(await Client(_server).GetSeedAsync("task-7"));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetSeedAsync_200Code3_NoSeedFound_ReturnsNull()
    {
        _server.On(HttpMethod.Get, ImageSeed, Wire.Json("""{"code":3,"description":"未找到 seed","result":null,"properties":{}}"""));

        Assert.Null(await Client(_server).GetSeedAsync("task-7"));
    }

    [Fact]
    public async Task GetSeedAsync_Code1WithoutAResult_ReturnsNull()
    {
        _server.On(HttpMethod.Get, ImageSeed, Wire.Json("""{"code":1,"description":"Success","result":""}"""));

        Assert.Null(await Client(_server).GetSeedAsync("task-7"));
    }

    [Fact]
    public async Task GetSeedAsync_404Code3_ThrowsNotFound()
    {
        _server.On(HttpMethod.Get, ImageSeed, Wire.Error(HttpStatusCode.NotFound, """{"code":3,"description":"关联任务不存在或已失效","result":null,"properties":{}}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_server).GetSeedAsync("task-7"));

        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Equal(404, ex.StatusCode);
        Assert.Contains("关联任务不存在或已失效", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSeedAsync_Code9_ThrowsTheServersErrorWithTheCode()
    {
        _server.On(HttpMethod.Get, ImageSeed, Wire.Json("""{"code":9,"description":"seed lookup failed on Discord","result":null}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => Client(_server).GetSeedAsync("task-7"));

        Assert.Equal("9", ex.ErrorCode);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("seed lookup failed on Discord", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSeedAsync_NoCode_IsAProtocolError()
    {
        _server.On(HttpMethod.Get, ImageSeed, Wire.Json("""{"description":"?"}"""));

        await Assert.ThrowsAsync<MidjourneyProtocolException>(() => Client(_server).GetSeedAsync("task-7"));
    }

    [Fact]
    public async Task GetSeedAsync_401_ThrowsAuthentication()
    {
        _server.On(HttpMethod.Get, ImageSeed, Wire.Error(HttpStatusCode.Unauthorized, """{"code":9,"description":"unauthorized"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Client(_server).GetSeedAsync("task-7"));

        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task GetSeedAsync_ServerErrorThenSeed_IsRetriedAsARead()
    {
        _server.On(
            HttpMethod.Get,
            ImageSeed,
            Wire.Error(HttpStatusCode.ServiceUnavailable, """{"message":"busy"}"""),
            Wire.Json("""{"code":1,"description":"Success","result":"99"}"""));

        string? seed = await Client(_server, o => o.Retry.MaxRetries = 2).GetSeedAsync("task-7");

        Assert.Equal("99", seed);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task GetSeedAsync_BlankId_ThrowsBeforeAnyRequest(string taskId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client(_server).GetSeedAsync(taskId));

        Assert.Empty(_server.Requests);
    }
}
