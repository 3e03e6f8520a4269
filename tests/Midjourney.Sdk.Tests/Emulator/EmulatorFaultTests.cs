using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>Fault injection through <see cref="MidjourneyEmulator.InjectFault"/> and <c>/_emulator/faults</c>.</summary>
public sealed class EmulatorFaultTests
{
    private static readonly JsonObject FetchBody = new() { ["task_id"] = "any" };

    [Fact]
    public async Task InjectFault_RateLimit_Returns429WithRetryAfterSecondsAndJsonBody()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(1.5)));

        using var response = await client.PostAsync("mj/v2/imagine", new JsonObject { ["prompt"] = "a cat" });

        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Contains("rate limit", await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.TooManyRequests), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task InjectFault_ServerError_ReturnsThatStatusWithJsonBody(int statusCode)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError(statusCode));

        using var response = await client.PostAsync("mj/v2/fetch", FetchBody);

        Assert.NotEmpty(await GoApiTestClient.ReadErrorAsync(response, (HttpStatusCode)statusCode));
    }

    [Fact]
    public async Task InjectFault_ServiceUnavailable_Returns503WithRetryAfterOnlyWhenGiven()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServiceUnavailable(TimeSpan.FromSeconds(7)));
        emulator.InjectFault(EmulatorFault.ServiceUnavailable());

        using var withHeader = await client.PostAsync("mj/v2/fetch", FetchBody);
        using var withoutHeader = await client.PostAsync("mj/v2/fetch", FetchBody);

        Assert.Equal(TimeSpan.FromSeconds(7), withHeader.Headers.RetryAfter?.Delta);
        await GoApiTestClient.ReadErrorAsync(withHeader, HttpStatusCode.ServiceUnavailable);
        Assert.Null(withoutHeader.Headers.RetryAfter);
        await GoApiTestClient.ReadErrorAsync(withoutHeader, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task InjectFault_MalformedJson_Returns200WithTruncatedJsonBody()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.MalformedJson());

        using var response = await client.PostAsync("mj/v2/imagine", new JsonObject { ["prompt"] = "a cat" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{", body, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task InjectFault_HtmlErrorPage_ReturnsTextHtmlWithThatStatus()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.HtmlErrorPage());
        emulator.InjectFault(EmulatorFault.HtmlErrorPage(403));

        using var badGateway = await client.PostAsync("mj/v2/fetch", FetchBody);
        using var forbidden = await client.PostAsync("mj/v2/fetch", FetchBody);

        Assert.Equal(HttpStatusCode.BadGateway, badGateway.StatusCode);
        Assert.Equal("text/html", badGateway.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>502 Bad Gateway</title>", await badGateway.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("403 Forbidden", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InjectFault_Latency_HoldsTheRequestUntilTheEmulatorClockAdvances()
    {
        var clock = new FakeTimeProvider();
        var timers = new TimerWatchingTimeProvider(clock);
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = timers });
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.Latency(TimeSpan.FromSeconds(10)));

        var pending = client.PostAsync("mj/v2/imagine", new JsonObject { ["prompt"] = "a cat" });
        var delay = await timers.FirstTimer.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(10), delay);
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(10));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task InjectFault_LatencyWithAutoAdvancingClock_ServesNormallyAfterTheDelay()
    {
        var clock = new FakeTimeProvider { AutoAdvance = true };
        var start = clock.GetUtcNow();
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = clock });
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });
        emulator.InjectFault(EmulatorFault.Latency(TimeSpan.FromSeconds(5)) with { PathContains = "/fetch" });

        var task = await client.FetchAsync(taskId);

        Assert.Contains(TimeSpan.FromSeconds(5), clock.RequestedDelays);
        Assert.Equal(start + TimeSpan.FromSeconds(5), clock.GetUtcNow());
        Assert.Equal("finished", task.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InjectFault_PathContains_HitsOnlyMatchingRequests()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError() with { PathContains = "/FETCH" });

        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });
        using var fetch = await client.PostAsync("mj/v2/fetch", new JsonObject { ["task_id"] = taskId });
        using var again = await client.PostAsync("mj/v2/fetch", new JsonObject { ["task_id"] = taskId });

        Assert.Equal(HttpStatusCode.InternalServerError, fetch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task InjectFault_Times_HitsThatManyRequestsThenStops()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError(503) with { Times = 2 });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsync("mj/v2/fetch", FetchBody);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.NotFound], statuses);
    }

    [Fact]
    public async Task InjectFault_SeveralFaults_AreUsedInFifoOrder()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError());
        emulator.InjectFault(EmulatorFault.RateLimit(TimeSpan.FromSeconds(1)));
        emulator.InjectFault(EmulatorFault.HtmlErrorPage());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsync("mj/v2/fetch", FetchBody);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests, HttpStatusCode.BadGateway, HttpStatusCode.NotFound],
            statuses);
    }

    [Fact]
    public async Task ClearFaults_WithQueuedFaults_RemovesThem()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.ServerError() with { Times = 5 });

        emulator.ClearFaults();
        using var response = await client.PostAsync("mj/v2/fetch", FetchBody);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task InjectFault_ImageDownload_IsNotFaulted()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.Zero });
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });
        emulator.InjectFault(EmulatorFault.ServerError());

        using var image = await client.Http.GetAsync($"images/{taskId}/grid.png");
        using var api = await client.PostAsync("mj/v2/fetch", FetchBody);

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
    }

    [Fact]
    public async Task FaultsEndpoint_PostWithoutAuth_QueuesTheFaultAndDeleteClears()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);
        const string Fault = """{"kind":"RateLimit","statusCode":429,"retryAfterSeconds":2,"delayMs":0,"pathContains":"/fetch","times":1}""";

        using var queued = await client.Http.PostAsync("_emulator/faults", new StringContent(Fault, Encoding.UTF8, "application/json"));
        using var imagine = await client.PostAsync("mj/v2/imagine", new JsonObject { ["prompt"] = "a cat" });
        using var limited = await client.PostAsync("mj/v2/fetch", FetchBody);

        Assert.True(queued.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, imagine.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter?.Delta);

        using var again = await client.Http.PostAsync("_emulator/faults", new StringContent("""{"kind":"serverError","times":3}""", Encoding.UTF8, "application/json"));
        using var cleared = await client.Http.DeleteAsync("_emulator/faults");
        using var fetch = await client.PostAsync("mj/v2/fetch", FetchBody);

        Assert.True(again.IsSuccessStatusCode);
        Assert.True(cleared.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fetch.StatusCode);
    }

    [Theory]
    [InlineData("{}", "kind is required")]
    [InlineData("""{"kind":"Meltdown"}""", "kind must be one of")]
    [InlineData("""{"kind":"Latency"}""", "delayMs is required")]
    [InlineData("""{"kind":"ServerError","statusCode":404}""", "between 500 and 599")]
    [InlineData("""{"kind":"RateLimit","statusCode":500}""", "does not apply")]
    [InlineData("""{"kind":"MalformedJson","times":0}""", "times")]
    [InlineData("""{"kind":"RateLimit","retryAfterSeconds":"2"}""", "retryAfterSeconds must be a number")]
    [InlineData("not json", "not valid JSON")]
    public async Task FaultsEndpoint_BadFault_Returns400(string body, string expectedMessagePart)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.Http.PostAsync("_emulator/faults", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Contains(expectedMessagePart, await GoApiTestClient.ReadErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public void Factories_OutOfRangeArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.ServerError(404));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.HtmlErrorPage(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.RateLimit(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.ServiceUnavailable(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.Latency(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmulatorFault.MalformedJson() with { Times = 0 });
    }

    [Fact]
    public void Factories_DescribeTheFault()
    {
        var rateLimit = EmulatorFault.RateLimit(TimeSpan.FromSeconds(3));
        var latency = EmulatorFault.Latency(TimeSpan.FromMilliseconds(250)) with { PathContains = "/imagine", Times = 4 };

        Assert.Equal((EmulatorFaultKind.RateLimit, 429, TimeSpan.FromSeconds(3)), (rateLimit.Kind, rateLimit.StatusCode, rateLimit.RetryAfter));
        Assert.Equal(1, rateLimit.Times);
        Assert.Null(rateLimit.PathContains);
        Assert.Equal((EmulatorFaultKind.Latency, (int?)null, TimeSpan.FromMilliseconds(250)), (latency.Kind, latency.StatusCode, latency.Delay));
        Assert.Equal(("/imagine", 4), (latency.PathContains, latency.Times));
        Assert.Equal(503, EmulatorFault.ServiceUnavailable().StatusCode);
        Assert.Equal(200, EmulatorFault.MalformedJson().StatusCode);
        Assert.Equal(502, EmulatorFault.HtmlErrorPage().StatusCode);
        Assert.Equal(500, EmulatorFault.ServerError().StatusCode);
    }
}
