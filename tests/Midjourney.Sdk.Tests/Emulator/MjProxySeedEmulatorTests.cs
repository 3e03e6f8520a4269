using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>
/// The emulator's <c>GET /mj/task/{id}/image-seed</c> over raw loopback HTTP with a fake clock, answered as trueai-org's
/// server answers it: code 1 and the seed the task object reports, HTTP 400 code 4 before the task has its Discord message,
/// HTTP 200 code 3 when none is found (a video), HTTP 404 code 3 for an unknown id.
/// </summary>
public sealed class MjProxySeedEmulatorTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    private static Task<MidjourneyEmulator> StartAsync(FakeTimeProvider clock)
        => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = Duration });

    private static async Task<HttpResponseMessage> ImageSeedAsync(MjProxyTestClient client, string taskId, string lane = "")
        => await client.GetAsync($"{lane}mj/task/{Uri.EscapeDataString(taskId)}/image-seed");

    [Theory]
    [InlineData("")]
    [InlineData("mj-fast/")]
    public async Task FinishedGrid_Code1WithTheSeedTheTaskReports(string lane)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        string id = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse" });
        clock.Advance(Duration);

        using var response = await ImageSeedAsync(client, id, lane);
        JsonElement answer = await MjProxyTestClient.ReadJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(1, answer.GetProperty("code").GetInt32());
        string seed = answer.GetProperty("result").GetString()!;
        Assert.True(ulong.TryParse(seed, out _), seed);
        Assert.Equal((await client.FetchAsync(id)).GetProperty("seed").GetString(), seed);
        Assert.Equal(JsonValueKind.Object, answer.GetProperty("properties").ValueKind);
    }

    [Fact]
    public async Task RunningTask_400Code4()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        string id = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a lighthouse" });

        using var response = await ImageSeedAsync(client, id);

        Assert.Contains(id, await MjProxyTestClient.ReadRefusalAsync(response, 4, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinishedVideo_200Code3()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);
        string id = await client.SubmitOkAsync("mj/submit/video", new JsonObject { ["prompt"] = "the waves roll in", ["image"] = "https://img.test/start.png" });
        clock.Advance(Duration);

        using var response = await ImageSeedAsync(client, id);

        await MjProxyTestClient.ReadRefusalAsync(response, 3, HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownId_404Code3()
    {
        await using var emulator = await StartAsync(new FakeTimeProvider());
        using var client = new MjProxyTestClient(emulator);

        using var response = await ImageSeedAsync(client, "no-such-task");

        Assert.Contains("no-such-task", await MjProxyTestClient.ReadRefusalAsync(response, 3, HttpStatusCode.NotFound), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutKey_401()
    {
        await using var emulator = await StartAsync(new FakeTimeProvider());
        using var client = new MjProxyTestClient(emulator);

        using var response = await client.GetAsync("mj/task/any/image-seed", apiKey: "");

        await MjProxyTestClient.ReadRefusalAsync(response, 9, HttpStatusCode.Unauthorized);
    }
}
