using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Integration;

/// <summary>
/// The task model against the emulator, through the public client, on every protocol: the same imagine, upscale and refusal read
/// the same, and the seed and follow-ups appear where the provider reports them (GoAPI, MJ-Proxy).
/// </summary>
public sealed class TaskModelEmulatorIntegrationTests
{
    public static TheoryData<MidjourneyProvider> Providers => [.. Enum.GetValues<MidjourneyProvider>()];

    private static bool ReportsSeedAndButtons(MidjourneyProvider provider) => provider is MidjourneyProvider.GoApi or MidjourneyProvider.MjProxy;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Imagine_Finished_ReadsTheSameOnEveryProtocol(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox in snow")));

        Assert.Equal(100, grid.Progress);
        Assert.Equal("a red fox in snow", grid.Prompt);
        Assert.Equal(4, grid.ImageUrls.Count);
        Assert.Equal(ReportsSeedAndButtons(provider), grid.ImageUrl is not null);
        Assert.DoesNotContain(grid.ImageUrl, grid.ImageUrls);
        TimeSpan? retention = provider switch
        {
            MidjourneyProvider.GoApi => TimeSpan.FromDays(5),
            MidjourneyProvider.MjProxy => null,
            _ => TimeSpan.FromDays(15),
        };
        Assert.NotNull(grid.FinishedAt);
        Assert.Equal(grid.FinishedAt + retention, grid.ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Imagine_Finished_HasASeedAndTheGridButtonsWhereTheProviderReportsThem(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        MidjourneyTask grid = await h.RunAsync(c => c.ImagineAsync(new ImagineRequest("a red fox in snow")));

        if (ReportsSeedAndButtons(provider))
        {
            if (provider == MidjourneyProvider.MjProxy)
            {
                // trueai-org's servers put the seed on the task only once someone looked it up (image-seed).
                Assert.Null(grid.Seed);
                Assert.NotNull(await h.Client.GetSeedAsync(grid.Id));
                grid = await h.Client.GetTaskAsync(grid.Id);
            }

            Assert.True(ulong.TryParse(grid.Seed, out _), $"seed '{grid.Seed}' is not a number");
            Assert.Equal(grid.Seed, (await h.Client.GetTaskAsync(grid.Id)).Seed);
            foreach (int index in Enumerable.Range(1, 4))
            {
                Assert.Contains(grid.AvailableActions, a => a.Action == MidjourneyAction.Upscale && a.Index == index);
                Assert.Contains(grid.AvailableActions, a => a.Action == MidjourneyAction.Variation && a.Index == index);
            }
        }
        else
        {
            Assert.Null(grid.Seed);
            Assert.Empty(grid.AvailableActions);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upscale_Finished_ImageUrlIsItsImageAndImageUrlsHoldsItAlone(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);

        MidjourneyTask upscaled = await h.UpscaledAsync(2);

        Assert.NotNull(upscaled.ImageUrl);
        Assert.Equal([upscaled.ImageUrl], upscaled.ImageUrls);
        Assert.Equal(100, upscaled.Progress);
        Assert.NotEqual("", upscaled.Prompt);
        if (ReportsSeedAndButtons(provider))
        {
            Assert.Contains(upscaled.AvailableActions, a => a.Action == MidjourneyAction.Variation && a.Index is null);
            Assert.DoesNotContain(upscaled.AvailableActions, a => a.Index is not null);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Imagine_RefusedWhileRunning_ThrowsTaskFailedWithContentPolicyOnEveryProtocol(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a red fox [moderated]"));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Time.DriveAsync(h.Client, c => c.WaitForCompletionAsync(task.Id)));

        Assert.Equal(MidjourneyFailureCodes.ContentPolicy, ex.ErrorCode);
        Assert.Equal(MidjourneyFailureCodes.ContentPolicy, ex.Task.FailureCode);
        Assert.Null(ex.Task.ImageUrl);
        Assert.Empty(ex.Task.ImageUrls);
        Assert.Null(ex.Task.ExpiresAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Imagine_FailedForAnotherReason_IsNotAContentRefusal(MidjourneyProvider provider)
    {
        await using var h = await EmulatorHarness.StartAsync(provider);
        MidjourneyTask task = await h.Client.ImagineAsync(new ImagineRequest("a red fox [fail]"));

        var ex = await Assert.ThrowsAsync<MidjourneyTaskFailedException>(() => h.Time.DriveAsync(h.Client, c => c.WaitForCompletionAsync(task.Id)));

        Assert.NotEqual(MidjourneyFailureCodes.ContentPolicy, ex.Task.FailureCode);
    }
}
