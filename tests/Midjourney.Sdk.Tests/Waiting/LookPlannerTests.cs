using Midjourney.Sdk.Waiting;

namespace Midjourney.Sdk.Tests.Waiting;

/// <summary>
/// <see cref="LookPlanner"/> alone (no HTTP, no clock): where the next status check goes given the learned durations
/// and what the checks so far saw: progress near the end brings it closer, a task still queued pushes it later, it
/// always stays within the gaps it is given, and a larger lag budget never brings it closer.
/// </summary>
public sealed class LookPlannerTests
{
    private const double ProgressBudget = 0.35;
    private const double DurationBudget = 0.8;

    private static readonly DurationModel Median35 = DurationModel.FromMedian(35, 0.7);
    private static readonly DurationModel Median45 = DurationModel.FromMedian(45, 0.7);

    private static Observation Running(double age, int? progress) => new(age, MidjourneyTaskStatus.InProgress, progress);

    private static Observation Queued(double age) => new(age, MidjourneyTaskStatus.Pending, null);

    [Fact]
    public void NextLook_NoObservations_FirstCheckWellBeforeTheMedian()
    {
        double first = LookPlanner.NextLook(0, [], Median35, DurationBudget, minGap: 0, maxGap: 60);

        Assert.InRange(first, 10, 25);
    }

    [Fact]
    public void NextLook_NearlyDoneAndFast_ChecksMuchSoonerThanEarlyProgress()
    {
        double nearlyDone = LookPlanner.NextLook(33, [Running(30, 62), Running(33, 93)], Median45, ProgressBudget, minGap: 1, maxGap: 60) - 33;
        double early = LookPlanner.NextLook(33, [Running(33, 15)], Median45, ProgressBudget, minGap: 1, maxGap: 60) - 33;

        Assert.InRange(nearlyDone, 1, 5);
        Assert.True(nearlyDone * 3 < early, $"93% after 62%: next in {nearlyDone:0.00} s; 15%: next in {early:0.00} s.");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    public void NextLook_StillQueued_ChecksLaterThanRunningAtTheSameAge(double age)
    {
        double queued = LookPlanner.NextLook(age, [Queued(age)], Median35, DurationBudget, minGap: 3, maxGap: 60);
        double running = LookPlanner.NextLook(age, [Running(age, null)], Median35, DurationBudget, minGap: 3, maxGap: 60);

        Assert.True(queued > running, $"queued at {age} s: next at {queued:0.00} s; running: {running:0.00} s.");
    }

    /// <summary>Histories of checks (the age now is the last check's, or 7.5 s after it).</summary>
    private static readonly (double Now, Observation[] History)[] Histories = [.. BuildHistories()];

    public static TheoryData<int> Situations => new(Enumerable.Range(0, Histories.Length));

    private static IEnumerable<(double, Observation[])> BuildHistories()
    {
        Observation[][] histories =
        [
            [],
            [Queued(5)],
            [Queued(5), Queued(20)],
            [Running(10, null)],
            [Running(10, 0)],
            [Running(10, 30), Running(20, 60)],
            [Running(30, 62), Running(33, 93)],
            [Running(20, 100)],
            [Running(40, 10), Running(80, 10)], // stalled
            [Running(10, 90), Running(60, 20)], // progress went back
            [Queued(400)], // far past anything the model expects
        ];
        foreach (Observation[] history in histories)
        {
            double age = history.Length == 0 ? 0 : history[^1].Age;
            yield return (age, history);
            yield return (age + 7.5, history);
        }
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void NextLook_AnySituation_StaysWithinTheGaps(int situation)
    {
        (double now, Observation[] history) = Histories[situation];
        foreach (DurationModel model in new[] { DurationModel.FromMedian(10, 0.3), Median45, DurationModel.FromMedian(300, 1.5) })
        {
            foreach (double budget in new[] { 0.05, ProgressBudget, DurationBudget, 5 })
            {
                foreach ((double minGap, double maxGap) in new[] { (0.0, 60.0), (1.0, 2.0), (3.0, 60.0), (5.0, 5.0), (10.0, 4.0) })
                {
                    double next = LookPlanner.NextLook(now, history, model, budget, minGap, maxGap);

                    Assert.False(double.IsNaN(next));
                    Assert.InRange(next, now + minGap, now + Math.Max(minGap, maxGap));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Situations))]
    public void NextLook_LargerLagBudget_NeverChecksSooner(int situation)
    {
        (double now, Observation[] history) = Histories[situation];
        foreach (DurationModel model in new[] { DurationModel.FromMedian(10, 0.3), Median45, DurationModel.FromMedian(300, 1.5) })
        {
            double previous = double.NegativeInfinity;
            foreach (double budget in new[] { 0.01, 0.05, 0.1, 0.2, ProgressBudget, 0.5, DurationBudget, 1, 2, 5, 10, 30 })
            {
                double next = LookPlanner.NextLook(now, history, model, budget, minGap: 1, maxGap: 60);

                Assert.True(next >= previous - 1e-9, $"budget {budget}: next at {next} s, before {previous} s for a smaller budget.");
                previous = next;
            }
        }
    }

    [Fact]
    public void NextLook_SmallerBudget_ChecksSoonerSomewhere()
    {
        // Not trivially flat: the budget matters where the finish is uncertain.
        double tight = LookPlanner.NextLook(0, [], Median45, 0.1, minGap: 0, maxGap: 60);
        double loose = LookPlanner.NextLook(0, [], Median45, 2, minGap: 0, maxGap: 60);

        Assert.True(tight < loose, $"budget 0.1: {tight:0.00} s; budget 2: {loose:0.00} s.");
    }
}
