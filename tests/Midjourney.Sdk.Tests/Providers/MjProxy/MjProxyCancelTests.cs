using System.Net;
using Midjourney.Sdk.Tests.TestSupport;
using static Midjourney.Sdk.Tests.Providers.MjProxy.MjProxyTestData;

namespace Midjourney.Sdk.Tests.Providers.MjProxy;

/// <summary>
/// Canceling a task on MJ-Proxy (trueai-org servers): <c>POST mj/task/{id}/cancel</c> over a <see cref="WireServer"/>, its
/// answer's code, its error mapping, and the capability.
/// </summary>
public sealed class MjProxyCancelTests : IDisposable
{
    private const string Cancel = "/mj/task/task-7/cancel";

    private readonly WireServer _server = Server();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Capabilities_OnMjProxy_CancelButNoBalance()
    {
        MidjourneyCapabilities capabilities = Client(_server).Capabilities;

        Assert.True(capabilities.SupportsCancel);
        Assert.False(capabilities.SupportsBalance);
    }

    [Fact]
    public async Task CancelTaskAsync_Success_PostsToTheTasksCancelPathWithTheKey()
    {
        _server.On(HttpMethod.Post, Cancel, Wire.Json("""{"code":1,"description":"Success","result":null}"""));

        await Client(_server).CancelTaskAsync("task-7");

        RecordedRequest request = _server.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(_server.Url(Cancel), request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + ApiKey, request.Header("Authorization"));
        Assert.Empty(_server.Unmatched);
    }

    [Fact]
    public async Task CancelTaskAsync_ApiSecretHeader_SendsTheKeyThere()
    {
        using WireServer server = Server(MjProxyAuthHeader.ApiSecret);
        server.On(HttpMethod.Post, Cancel, Wire.Json("""{"code":1,"description":"Success"}"""));

        await Client(server, o => o.MjProxy.AuthHeader = MjProxyAuthHeader.ApiSecret).CancelTaskAsync("task-7");

        Assert.Equal(ApiKey, server.Single.Header("mj-api-secret"));
    }

    [Fact]
    public async Task CancelTaskAsync_IdWithReservedCharacters_IsEscapedInThePath()
    {
        _server.OnAny(Wire.Json("""{"code":1,"description":"Success"}"""));

        await Client(_server).CancelTaskAsync("a b/c");

        Assert.Equal(_server.Url("/mj/task/a%20b%2Fc/cancel"), _server.Single.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task CancelTaskAsync_NotFoundCode_ThrowsNotFoundWithTheCode()
    {
        _server.On(HttpMethod.Post, Cancel, Wire.Json("""{"code":3,"description":"task not found"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_server).CancelTaskAsync("task-7"));

        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Equal("3", ex.ErrorCode);
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("task not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelTaskAsync_FailureCode_ThrowsAMidjourneyException()
    {
        _server.On(HttpMethod.Post, Cancel, Wire.Json("""{"code":9,"description":"task already finished"}"""));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => Client(_server).CancelTaskAsync("task-7"));

        Assert.Equal("9", ex.ErrorCode);
        Assert.Contains("task already finished", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelTaskAsync_NoCode_IsUncertainNotResent()
    {
        // Sent like a submit: a 2xx the SDK cannot read may still have canceled the task, so it says so instead of resending.
        _server.On(HttpMethod.Post, Cancel, Wire.Json("""{"description":"?"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => Client(_server, o => o.Retry.MaxRetries = 3).CancelTaskAsync("task-7"));

        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task CancelTaskAsync_401_ThrowsAuthentication()
    {
        _server.On(HttpMethod.Post, Cancel, Wire.Error(HttpStatusCode.Unauthorized, """{"code":9,"description":"unauthorized"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => Client(_server).CancelTaskAsync("task-7"));

        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public async Task CancelTaskAsync_404_IsAnUnknownTaskNotAMissingEndpoint()
    {
        _server.On(HttpMethod.Post, Cancel, Wire.Error(HttpStatusCode.NotFound, """{"message":"no such task"}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => Client(_server).CancelTaskAsync("task-7"));

        Assert.Equal(404, ex.StatusCode);
    }

    [Fact]
    public async Task CancelTaskAsync_ServerError_IsSentOnceEvenWithRetries()
    {
        _server.On(HttpMethod.Post, Cancel, Wire.Error(HttpStatusCode.InternalServerError, """{"message":"boom"}"""));

        await Assert.ThrowsAnyAsync<MidjourneyException>(() => Client(_server, o => o.Retry.MaxRetries = 3).CancelTaskAsync("task-7"));

        Assert.Single(_server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task CancelTaskAsync_BlankId_ThrowsBeforeAnyRequest(string taskId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client(_server).CancelTaskAsync(taskId));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task GetBalanceAsync_OnMjProxy_NotSupportedBeforeAnyRequest()
    {
        _server.OnAny(Wire.Json("""{"code":1}"""));

        var ex = await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => Client(_server).GetBalanceAsync());

        Assert.Equal(MidjourneyProvider.MjProxy, ex.Provider);
        Assert.Empty(_server.Requests);
    }
}
