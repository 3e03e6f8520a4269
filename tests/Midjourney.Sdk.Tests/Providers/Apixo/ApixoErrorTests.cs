using System.Net;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Providers.Apixo;

/// <summary>The <c>{code, message, data}</c> envelope: a non-200 code (with HTTP 200) or an HTTP error status maps to the typed exceptions.</summary>
public sealed class ApixoErrorTests
{
    private readonly RecordingHandler _handler = new();

    public static TheoryData<int, Type> Codes => new()
    {
        { 400, typeof(MidjourneyInvalidRequestException) },
        { 401, typeof(MidjourneyAuthenticationException) },
        { 402, typeof(MidjourneyInsufficientCreditsException) },
        { 403, typeof(MidjourneyAuthenticationException) },
        { 404, typeof(MidjourneyNotFoundException) },
        { 429, typeof(MidjourneyRateLimitException) },
        { 500, typeof(MidjourneyServiceException) },
        { 503, typeof(MidjourneyServiceException) },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task GetTaskAsync_BodyCodeWithHttp200_MapsToTheTypedException(int code, Type expected)
    {
        _handler.RespondJson($$"""{"code":{{code}},"message":"refused here","data":null}""");

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => ApixoWire.Client(_handler).GetTaskAsync("t"));

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(MidjourneyProvider.Apixo, ex.Provider);
        Assert.Contains("refused here", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task GetTaskAsync_HttpErrorStatusWithEnvelope_MapsToTheTypedException(int code, Type expected)
    {
        _handler.RespondError((HttpStatusCode)code, $$$"""{"code":{{{code}}},"message":"refused here","data":{"error":"whatever"}}""");

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => ApixoWire.Client(_handler).GetTaskAsync("t"));

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.StatusCode);
        Assert.Contains("refused here", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_Body402_ThrowsInsufficientCreditsWithTheDetailAsCode()
    {
        _handler.RespondJson("""{"code":402,"message":"Insufficient balance","data":{"error":"INSUFFICIENT_CREDITS"}}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInsufficientCreditsException>(() => ApixoWire.Client(_handler).ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(402, ex.StatusCode);
        Assert.Equal("INSUFFICIENT_CREDITS", ex.ErrorCode);
        Assert.False(ex.IsTransient);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(403, "Request blocked by content policy", null)]
    [InlineData(400, "Prompt rejected", "CONTENT_VIOLATION")]
    [InlineData(400, "Bad prompt", "NSFW_DETECTED")]
    public async Task ImagineAsync_ContentRefusal_ThrowsContentPolicy(int code, string message, string? detail)
    {
        string data = detail is null ? "null" : $$$"""{"error":"{{{detail}}}"}""";
        _handler.RespondJson($$"""{"code":{{code}},"message":"{{message}}","data":{{data}}}""");

        var ex = await Assert.ThrowsAsync<MidjourneyContentPolicyException>(() => ApixoWire.Client(_handler).ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(detail, ex.ErrorCode);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImagineAsync_MessageAndSentenceDetail_AreBothInTheMessage()
    {
        _handler.RespondJson("""{"code":400,"message":"Invalid parameters","data":{"error":"aspect must be one of 1:1, 16:9"}}""");

        var ex = await Assert.ThrowsAsync<MidjourneyInvalidRequestException>(() => ApixoWire.Client(_handler).ImagineAsync(new ImagineRequest("a cat")));

        Assert.Contains("Invalid parameters (aspect must be one of 1:1, 16:9)", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.ErrorCode);
    }

    [Fact]
    public async Task ImagineAsync_CodeAsText_IsReadAsTheNumber()
    {
        _handler.RespondJson("""{"code":"429","message":"Too many requests","data":null}""");

        await Assert.ThrowsAsync<MidjourneyRateLimitException>(() => ApixoWire.Client(_handler).ImagineAsync(new ImagineRequest("a cat")));
    }

    [Fact]
    public async Task ImagineAsync_CodeThatIsNotANumber_ThrowsProtocolReportedAsUncertain()
    {
        _handler.RespondJson("""{"code":"ok?","message":"","data":{"taskId":"t"}}""");

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => ApixoWire.Client(_handler).ImagineAsync(new ImagineRequest("a cat")));

        Assert.IsType<MidjourneyProtocolException>(ex.InnerException);
    }

    [Theory]
    [InlineData("""{"code":200,"message":"success","data":{}}""")]
    [InlineData("""{"code":200,"message":"success","data":null}""")]
    [InlineData("""{"code":200,"message":"success","data":{"taskId":""}}""")]
    public async Task ImagineAsync_AcceptedWithoutTaskId_ThrowsSubmissionUncertain(string json)
    {
        _handler.RespondJson(json);

        var ex = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => ApixoWire.Client(_handler).ImagineAsync(new ImagineRequest("a cat")));

        Assert.Contains("taskId", ex.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ImagineAsync_NoCodeButTaskId_IsAccepted()
    {
        _handler.RespondJson("""{"data":{"taskId":"t-7"}}""");

        MidjourneyTask task = await ApixoWire.Client(_handler).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("t-7", task.Id);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task ImagineAsync_ServerErrorInBodyOrStatus_IsSentOnceAndReportedAsUncertain(int code)
    {
        _handler.RespondJson($$"""{"code":{{code}},"message":"internal error","data":null}""");
        _handler.RespondError((HttpStatusCode)code, $$"""{"code":{{code}},"message":"internal error","data":null}""");
        MidjourneyClient client = ApixoWire.Client(_handler, configure: o => o.Retry.MaxRetries = 3);

        var inBody = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => client.ImagineAsync(new ImagineRequest("a cat")));
        var inStatus = await Assert.ThrowsAsync<MidjourneySubmissionUncertainException>(() => client.ImagineAsync(new ImagineRequest("a cat")));

        Assert.Equal(code, inBody.StatusCode);
        Assert.Equal(code, inStatus.StatusCode);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task ImagineAsync_BodyLevel429_IsRetriedThenAccepted()
    {
        _handler.RespondJson("""{"code":429,"message":"Rate limit exceeded","data":null}""");
        _handler.RespondJson(ApixoWire.SubmitAnswer);

        MidjourneyTask task = await ApixoWire.Client(_handler, configure: o => o.Retry.MaxRetries = 2).ImagineAsync(new ImagineRequest("a cat"));

        Assert.Equal("task-1", task.Id);
        Assert.Equal(2, _handler.Requests.Count);
    }

    [Fact]
    public async Task GetTaskAsync_HtmlErrorPage_ThrowsProtocolWithTheStatusKept()
    {
        _handler.RespondText("<html><body>Bad gateway</body></html>", "text/html", HttpStatusCode.BadGateway);

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => ApixoWire.Client(_handler).GetTaskAsync("t"));

        Assert.Equal(502, ex.StatusCode);
    }

    [Fact]
    public async Task AnyError_KeyEchoedByTheProvider_IsRedactedFromTheException()
    {
        _handler.RespondError(HttpStatusCode.Unauthorized, $$"""{"code":401,"message":"Invalid key {{ApixoWire.ApiKey}}","data":null}""");

        var ex = await Assert.ThrowsAsync<MidjourneyAuthenticationException>(() => ApixoWire.Client(_handler).GetTaskAsync("t"));

        Assert.DoesNotContain(ApixoWire.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }
}
