using System.Net.Http.Headers;
using System.Text.Json;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>
/// <see cref="IMidjourneyClient.CancelTaskAsync"/> and <see cref="IMidjourneyClient.GetBalanceAsync"/> through the public
/// client, over real loopback HTTP, against the emulator: MJ-Proxy cancels a running task (it then reads canceled),
/// APIXO reports its balance, and the providers without them refuse with nothing sent.
/// </summary>
public sealed class CancelBalanceEmulatorIntegrationTests
{
    [Fact]
    public async Task MjProxy_CancelARunningTask_ItReadsCanceledAndItsWaitFails()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask submitted = await h.Client.ImagineAsync(new ImagineRequest("a lighthouse in fog"));

        await h.Client.CancelTaskAsync(submitted.Id);
        MidjourneyTask canceled = await h.Client.GetTaskAsync(submitted.Id);

        Assert.Equal(MidjourneyTaskStatus.Canceled, canceled.Status);
        Assert.Contains("\"CANCEL\"", canceled.RawJson, StringComparison.Ordinal);
        await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Client.DriveAsync(c => c.WaitForCompletionAsync(submitted.Id)));
        Assert.Equal(1, h.Handler.Count($"/mj/task/{submitted.Id}/cancel"));
    }

    [Fact]
    public async Task MjProxy_CancelAFinishedTask_IsRefused()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);
        MidjourneyTask done = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a lighthouse at noon")));

        var ex = await Assert.ThrowsAnyAsync<MidjourneyException>(() => h.Client.CancelTaskAsync(done.Id));

        Assert.Equal("9", ex.ErrorCode);
        Assert.Equal(MidjourneyTaskStatus.Succeeded, (await h.Client.GetTaskAsync(done.Id)).Status);
    }

    [Fact]
    public async Task MjProxy_CancelAnUnknownTask_ThrowsNotFound()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MjProxy);

        await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => h.Client.CancelTaskAsync("no-such-task"));
    }

    [Fact]
    public async Task Apixo_GetBalance_ReadsTheEmulatedAccountInUsd()
    {
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.Apixo);

        MidjourneyBalance balance = await h.Client.GetBalanceAsync();

        Assert.Equal(100m, balance.Amount);
        Assert.Equal("USD", balance.Unit);
        Assert.Equal(1, h.Handler.Count("/api/v1/apikeys/current-balance"));
    }

    [Fact]
    public async Task KieAiCreditEndpoint_IsServedOnTheMidApiProtocol()
    {
        // The client asks for credits on kie.ai's host only; the emulator serves the endpoint for any client that calls it.
        await using var h = await EmulatorHarness.StartAsync(MidjourneyProvider.MidApi);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(h.Emulator.BaseUrl, "api/v1/chat/credit"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", h.Emulator.ApiKey);

        using HttpResponseMessage response = await http.SendAsync(request);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(200, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(1000, body.RootElement.GetProperty("data").GetInt32());
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.Apixo)]
    [InlineData(MidjourneyProvider.MidApi)]
    public async Task CancelTask_WhereNotOffered_NothingIsSent(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.CancelTaskAsync("task-1"));

        Assert.Empty(h.Handler.Paths);
    }

    [Theory]
    [InlineData(MidjourneyProvider.GoApi)]
    [InlineData(MidjourneyProvider.MjProxy)]
    [InlineData(MidjourneyProvider.MidApi)]
    public async Task GetBalance_WhereNotOffered_NothingIsSent(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        await Assert.ThrowsAsync<MidjourneyNotSupportedException>(() => h.Client.GetBalanceAsync());

        Assert.Empty(h.Handler.Paths);
    }
}
