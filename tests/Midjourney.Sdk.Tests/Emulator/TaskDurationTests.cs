using System.Text.Json;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Emulator.Tasks;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>How long tasks take: exactly the configured duration by default, lognormal around it with a spread.</summary>
public sealed class TaskDurationTests
{
    private static readonly TimeSpan Median = TimeSpan.FromSeconds(6);

    private static IEnumerable<string> Ids(int count) => Enumerable.Range(0, count).Select(i => $"task-{i}");

    [Fact]
    public void For_SpreadZero_IsExactlyTheTaskDuration()
        => Assert.All(Ids(100), id => Assert.Equal(Median, TaskDurations.For(id, Median, 0)));

    [Fact]
    public void For_Spread07_VariesAroundTheMedianWithinTheClipBounds()
    {
        var durations = Ids(1000).Select(id => TaskDurations.For(id, Median, 0.7)).ToArray();
        var sorted = durations.Order().ToArray();

        Assert.All(durations, d => Assert.InRange(d, Median / 6, Median * 10));
        Assert.True(durations.Distinct().Count() >= 990, "every task should take its own time");
        Assert.InRange(sorted[sorted.Length / 2], Median * 0.9, Median * 1.1);
        // With sigma 0.7 about 16% of tasks take over twice the median and 16% under half of it.
        Assert.InRange(durations.Count(d => d > Median * 2), 100, 220);
        Assert.InRange(durations.Count(d => d < Median / 2), 100, 220);
    }

    [Fact]
    public void For_SameIdTwice_IsTheSame()
        => Assert.All(Ids(50), id => Assert.Equal(TaskDurations.For(id, Median, 0.7), TaskDurations.For(id, Median, 0.7)));

    [Fact]
    public void For_LargeSpread_IsClippedToASixthAndTenTimesTheMedian()
    {
        var durations = Ids(500).Select(id => TaskDurations.For(id, Median, 3)).ToArray();

        Assert.Equal(TimeSpan.FromSeconds(1), durations.Min());
        Assert.Equal(TimeSpan.FromSeconds(60), durations.Max());
    }

    [Fact]
    public void For_ZeroDurationWithASpread_StaysZero()
        => Assert.Equal(TimeSpan.Zero, TaskDurations.For("task-1", TimeSpan.Zero, 0.7));

    [Fact]
    public void TaskStore_WithoutSpread_GivesEveryTaskTheTaskDuration()
    {
        var store = new TaskStore(new FakeTimeProvider(), Median);

        var tasks = Enumerable.Range(0, 20).Select(i => store.CreateImagine($"a cat {i}", ProcessMode.Fast, default(JsonElement))).ToArray();

        Assert.All(tasks, task => Assert.Equal(Median, task.Duration));
    }

    [Fact]
    public void TaskStore_WithSpread_DecidesEachDurationFromTheTaskIdAtCreation()
    {
        var store = new TaskStore(new FakeTimeProvider(), Median, 0.7);
        var grid = store.CreateImagine("a cat", ProcessMode.Fast, default(JsonElement));

        var upscale = store.CreateFollowUp(grid, new FollowUp(FollowUpKind.Upscale, 1), null, default(JsonElement));
        var dialog = store.CreateFollowUp(grid, new FollowUp(FollowUpKind.Variation, 2), null, default(JsonElement), id: "dialog-1");

        Assert.All(
            [grid, upscale, dialog, store.CreateDescribe("https://example.com/a.png", ProcessMode.Fast, default(JsonElement))],
            task => Assert.Equal(TaskDurations.For(task.Id, Median, 0.7), task.Duration));
        Assert.Equal("dialog-1", dialog.Id);
    }

    [Fact]
    public async Task Emulator_WithSpread_FinishesEachTaskAfterItsOwnDuration()
    {
        var clock = new FakeTimeProvider();
        var duration = TimeSpan.FromSeconds(3);
        await using var emulator = await MidjourneyEmulator.StartAsync(
            new MidjourneyEmulatorOptions { TimeProvider = clock, TaskDuration = duration, TaskDurationSpread = 0.7 });
        using var client = new MjProxyTestClient(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await client.SubmitOkAsync("mj/submit/imagine", new JsonObject { ["prompt"] = $"a lighthouse {i}" }));
        }

        clock.Advance(duration * 10);

        foreach (var id in ids)
        {
            var task = await client.FetchAsync(id);
            Assert.Equal("SUCCESS", task.GetProperty("status").GetString());
            var taken = task.GetProperty("finishTime").GetInt64() - task.GetProperty("submitTime").GetInt64();
            Assert.Equal((long)TaskDurations.For(id, duration, 0.7).TotalMilliseconds, taken);
            Assert.InRange(taken, 500, 30_000);
            var queued = task.GetProperty("startTime").GetInt64() - task.GetProperty("submitTime").GetInt64();
            Assert.InRange(queued, (taken * 5 / 100) - 1, (taken * 45 / 100) + 1);
        }
    }
}
