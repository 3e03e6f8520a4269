using System.Text.Json;
using Midjourney.Sdk.Redis;

namespace Midjourney.Sdk.Tests.Redis;

/// <summary>What another instance reads of a task published on the backplane: every public field but the raw payload.</summary>
public sealed class TaskMessageTests
{
    [Fact]
    public void ToTask_AfterJsonRoundTrip_KeepsEveryPublicFieldButRawJson()
    {
        var task = new MidjourneyTask
        {
            Id = "t-1",
            Provider = MidjourneyProvider.MjProxy,
            Action = MidjourneyAction.Video,
            Status = MidjourneyTaskStatus.Failed,
            Progress = 46,
            Prompt = "a red fox",
            ImageUrl = new Uri("https://cdn.test/grid.png"),
            ImageUrls = [new Uri("https://cdn.test/1.png")],
            VideoUrls = [new Uri("https://cdn.test/1.mp4")],
            Prompts = ["one"],
            FailureReason = "[Banned prompt detected] no",
            FailureCode = MidjourneyFailureCodes.ContentPolicy,
            ProviderFailureCode = "CONTENT_VIOLATION",
            Seed = "1234567",
            AvailableActions = [new MidjourneyAvailableAction(MidjourneyAction.Upscale, 1, "MJ::JOB::upsample::1::h")],
            ExpiresAt = new DateTimeOffset(2026, 1, 16, 0, 0, 0, TimeSpan.Zero),
            SubmittedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero),
            FinishedAt = new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero),
            ParentTaskId = "p-1",
            RawJson = "{\"secret\":\"x\"}",
        };

        string json = JsonSerializer.Serialize(TaskMessage.From(task, "instance-a"), RedisJsonContext.Default.TaskMessage);
        MidjourneyTask read = JsonSerializer.Deserialize(json, RedisJsonContext.Default.TaskMessage)!.ToTask(MidjourneyProvider.MjProxy);

        Assert.Null(read.RawJson);
        Assert.Equal(task.VideoUrls, read.VideoUrls);
        Assert.Equal(task.ImageUrls, read.ImageUrls);
        Assert.Equal(task.Prompts, read.Prompts);
        Assert.Equal(task.AvailableActions, read.AvailableActions);
        Assert.Equal(
            task with { RawJson = null, ImageUrls = read.ImageUrls, VideoUrls = read.VideoUrls, Prompts = read.Prompts, AvailableActions = read.AvailableActions },
            read);
    }
}
