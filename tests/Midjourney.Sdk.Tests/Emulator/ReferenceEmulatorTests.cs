using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;
using EmulatorPromptFlags = Midjourney.Sdk.Emulator.Tasks.PromptFlags;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>
/// Style and omni references in the emulator, with raw requests and a fake clock: midapi's <c>mj_style_reference</c> and
/// <c>mj_omni_reference</c> make ordinary grids (an omni reference is one image), a <c>[fail]</c> marker in a reference URL
/// fails the task, and on every protocol a prompt whose <c>--sref</c>, <c>--oref</c> or <c>--ow</c> Midjourney would refuse
/// is accepted but ends in failure, as relays pass such prompts on.
/// </summary>
public sealed class ReferenceEmulatorTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    private static Task<MidjourneyEmulator> StartAsync(FakeTimeProvider clock)
        => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = Duration });

    [Theory]
    [InlineData("a cat")]
    [InlineData("a cat --sref https://img.test/s.png")]
    [InlineData("a cat --sref https://img.test/a.png https://img.test/b.png --sw 200")]
    [InlineData("a cat --sref 1234567 --v 7")]
    [InlineData("a cat --oref https://img.test/o.png --ow 1")]
    [InlineData("a cat --OREF https://img.test/o.png --ow 1000 --fast")]
    public void ReferenceProblem_WellFormedFlags_None(string prompt) =>
        Assert.Null(EmulatorPromptFlags.ReferenceProblem(prompt));

    [Theory]
    [InlineData("a cat --sref", "--sref needs an image URL or a style code")]
    [InlineData("a cat --sref --v 7", "--sref needs an image URL or a style code")]
    [InlineData("a cat --oref", "--oref takes exactly one image URL")]
    [InlineData("a cat --oref cat.png", "--oref takes exactly one image URL")]
    [InlineData("a cat --oref https://img.test/a.png https://img.test/b.png", "--oref takes exactly one image URL")]
    [InlineData("a cat --oref https://img.test/o.png --ow 0", "--ow takes a whole number from 1 to 1000")]
    [InlineData("a cat --oref https://img.test/o.png --ow 1001", "--ow takes a whole number from 1 to 1000")]
    [InlineData("a cat --ow high", "--ow takes a whole number from 1 to 1000")]
    public void ReferenceProblem_MalformedFlags_SaysWhat(string prompt, string expected) =>
        Assert.Equal(expected, EmulatorPromptFlags.ReferenceProblem(prompt));

    [Theory]
    [InlineData("mj_style_reference", """["https://img.test/a.png","https://img.test/b.png"]""", null)]
    [InlineData("mj_omni_reference", """["https://img.test/o.png"]""", 400)]
    public async Task MidApi_ReferenceTaskTypes_MakeAGridOfFourThatRecordsItsTaskType(string taskType, string fileUrls, int? ow)
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);
        var body = new JsonObject { ["taskType"] = taskType, ["prompt"] = "a cat", ["fileUrls"] = JsonNode.Parse(fileUrls) };
        if (ow is int weight)
        {
            body["ow"] = weight;
        }

        var taskId = await client.SubmitAsync("generate", body);
        clock.Advance(Duration);
        var record = await client.RecordAsync(taskId);

        Assert.Equal(1, record.GetProperty("successFlag").GetInt32());
        Assert.Equal(taskType, record.GetProperty("taskType").GetString());
        Assert.Equal(4, record.GetProperty("resultInfoJson").GetProperty("resultUrls").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"taskType":"mj_style_reference","prompt":"a cat"}""", "mj_style_reference needs at least one image")]
    [InlineData("""{"taskType":"mj_omni_reference","prompt":"a cat"}""", "mj_omni_reference needs at least one image")]
    [InlineData("""{"taskType":"mj_omni_reference","prompt":"a cat","fileUrls":["https://img.test/a.png","https://img.test/b.png"]}""", "mj_omni_reference takes exactly one image in fileUrls, not 2")]
    [InlineData("""{"taskType":"mj_omni_reference","prompt":"a cat","fileUrls":["https://img.test/o.png"],"ow":0}""", "ow must be between 1 and 1000")]
    public async Task MidApi_ReferenceTaskWithoutItsImagesOrABadWeight_AnswersCode422(string body, string expected)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new MidApiTestClient(emulator);

        using var response = await client.PostRawAsync("api/v1/mj/generate", body);

        Assert.Contains(expected, await MidApiTestClient.ReadErrorAsync(response, 422), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MidApi_FailMarkerInAStyleReferenceUrl_EndsInFailure()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MidApiTestClient(emulator);

        var taskId = await client.SubmitAsync("generate", new JsonObject
        {
            ["taskType"] = "mj_style_reference",
            ["prompt"] = "a cat",
            ["fileUrls"] = new JsonArray("https://img.test/[fail].png"),
        });
        clock.Advance(Duration);
        var record = await client.RecordAsync(taskId);

        Assert.Equal(2, record.GetProperty("successFlag").GetInt32());
        Assert.Contains("an image URL contains the [fail] marker", record.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoApi_WellFormedReferenceFlags_FinishWithThePromptEchoed()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        const string Prompt = "a cat --sref https://img.test/s.png --oref https://img.test/o.png --ow 300";

        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = Prompt });
        clock.Advance(Duration);
        var task = await client.FetchAsync(taskId);

        Assert.Equal("finished", task.GetProperty("status").GetString());
        Assert.Equal(Prompt, task.GetProperty("meta").GetProperty("task_request").GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task GoApi_MalformedOref_IsAcceptedThenFailsWithInvalidParameter()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new GoApiTestClient(emulator);

        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat --oref cat.png" });
        clock.Advance(Duration);
        var task = await client.FetchAsync(taskId);

        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal("Invalid parameter: --oref takes exactly one image URL", task.GetProperty("task_result").GetProperty("error_messages")[0].GetString());
    }

    [Fact]
    public async Task MjProxy_MalformedSref_IsAcceptedThenFailsWithInvalidParameter()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new MjProxyTestClient(emulator);

        var taskId = await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = "a cat --sref" });
        clock.Advance(Duration);
        var task = await client.FetchAsync(taskId);

        Assert.Equal("FAILURE", task.GetProperty("status").GetString());
        Assert.Contains("--sref needs an image URL or a style code", task.GetProperty("failReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apixo_MalformedOw_IsAcceptedThenFailsWithInvalidParameter()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await StartAsync(clock);
        using var client = new ApixoTestClient(emulator);

        var taskId = await client.SubmitAsync(new JsonObject { ["mode"] = "text-to-image", ["prompt"] = "a cat --oref https://img.test/o.png --ow 5000" });
        clock.Advance(TimeSpan.FromMinutes(5));
        var status = await client.StatusAsync(taskId);

        Assert.Equal("failed", status.GetProperty("state").GetString());
        Assert.Contains("--ow takes a whole number from 1 to 1000", status.GetProperty("failMsg").GetString(), StringComparison.Ordinal);
    }
}
