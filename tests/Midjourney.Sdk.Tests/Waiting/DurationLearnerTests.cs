using Midjourney.Sdk.Waiting;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// <see cref="DurationLearner"/>: the model of a kind of task starts at the provider's guidance (scaled for speed and
/// text-only jobs), follows the durations it is taught, keeps kinds apart, and ignores durations that make no sense.
/// </summary>
public sealed class DurationLearnerTests
{
    private static readonly TaskKind FastImagine = new(MidjourneyAction.Imagine, MidjourneySpeed.Fast);

    [Fact]
    public void For_NothingLearned_IsTheGuidanceScaledForSpeedAndKind()
    {
        var learner = new DurationLearner(TimeSpan.FromSeconds(40));

        Assert.Equal(40, learner.For(FastImagine).Median, 6);
        Assert.Equal(40, learner.For(new TaskKind(MidjourneyAction.Upscale, null)).Median, 6);
        Assert.Equal(80, learner.For(new TaskKind(MidjourneyAction.Imagine, MidjourneySpeed.Relax)).Median, 6);
        Assert.Equal(20, learner.For(new TaskKind(MidjourneyAction.Imagine, MidjourneySpeed.Turbo)).Median, 6);
        Assert.Equal(12, learner.For(new TaskKind(MidjourneyAction.Describe, null)).Median, 6);
        Assert.Equal(DurationLearner.PriorSigma, learner.For(FastImagine).Sigma, 6);
    }

    [Fact]
    public void Learn_ThirtyTasksOfSixtySeconds_MovesTheMedianTowardThem()
    {
        var learner = new DurationLearner(TimeSpan.FromSeconds(45));

        for (int i = 0; i < 30; i++)
        {
            learner.Learn(FastImagine, 60);
        }

        DurationModel model = learner.For(FastImagine);
        Assert.InRange(model.Median, 50, 70);
        Assert.True(model.Sigma < DurationLearner.PriorSigma, $"sigma {model.Sigma}: identical durations narrow the spread.");
    }

    [Fact]
    public void Learn_SpeedChanges_FollowsTheRecentTasks()
    {
        var learner = new DurationLearner(TimeSpan.FromSeconds(45));
        for (int i = 0; i < 200; i++)
        {
            learner.Learn(FastImagine, 30);
        }

        for (int i = 0; i < 100; i++)
        {
            learner.Learn(FastImagine, 90);
        }

        // About the last Window tasks count: two windows of 90 s all but replace the 30 s before them.
        Assert.InRange(learner.For(FastImagine).Median, 70, 90);
    }

    [Fact]
    public void Learn_OneKind_LeavesTheOthersAtTheirGuidance()
    {
        var learner = new DurationLearner(TimeSpan.FromSeconds(45));
        var upscale = new TaskKind(MidjourneyAction.Upscale, null);
        var relaxImagine = new TaskKind(MidjourneyAction.Imagine, MidjourneySpeed.Relax);
        DurationModel upscaleBefore = learner.For(upscale);
        DurationModel relaxBefore = learner.For(relaxImagine);

        for (int i = 0; i < 30; i++)
        {
            learner.Learn(FastImagine, 120);
        }

        Assert.Equal(upscaleBefore, learner.For(upscale));
        Assert.Equal(relaxBefore, learner.For(relaxImagine));
        Assert.True(learner.For(FastImagine).Median > 100);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(24 * 3600)]
    [InlineData(30 * 24 * 3600)]
    public void Learn_NonsenseDuration_IsIgnored(double seconds)
    {
        var learner = new DurationLearner(TimeSpan.FromSeconds(45));
        DurationModel before = learner.For(FastImagine);

        for (int i = 0; i < 10; i++)
        {
            learner.Learn(FastImagine, seconds);
        }

        Assert.Equal(before, learner.For(FastImagine));
    }

    [Fact]
    public void Learn_VeryShortAndVeryLongButSane_KeepsTheSpreadWithinItsBounds()
    {
        var learner = new DurationLearner(TimeSpan.FromSeconds(45));
        for (int i = 0; i < 100; i++)
        {
            learner.Learn(FastImagine, i % 2 == 0 ? 0.5 : 20 * 3600);
        }

        DurationModel model = learner.For(FastImagine);
        Assert.InRange(model.Sigma, 0.15, 1.5);
        Assert.True(double.IsFinite(model.Mu));
    }
}
