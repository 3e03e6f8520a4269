namespace Midjourney.Sdk.Waiting;

/// <summary>
/// Plans the next status check of one task. What is known of the task's duration D (seconds from submit to result) is
/// the learned <see cref="DurationModel"/>, conditioned on what the checks so far saw: not finished yet; still queued
/// (so the queue wait, a share u of D, is longer than that); or running at some progress (so the running share of D is
/// about that far along). The unknown queue share is a mixture over <see cref="QueueShares"/>. The next check goes where
/// the expected lateness of noticing the result, should the task finish before it, reaches the lag budget: early where
/// the task is likely to finish, sparse where it is not; with progress the finish is narrow, so checks land near it.
/// </summary>
internal static class LookPlanner
{
    /// <summary>The share of a job spent queued is unknown: the plan averages over these.</summary>
    private static readonly double[] QueueShares = [0.025, 0.075, 0.125, 0.175, 0.225, 0.275, 0.325, 0.375, 0.425, 0.475, 0.525, 0.575];

    /// <summary>How far behind the reported progress the real progress may be (providers round, progress is not linear).</summary>
    private const double ProgressBehind = 0.10;

    /// <summary>How far ahead: Midjourney reports progress in steps of about 15%.</summary>
    private const double ProgressAhead = 0.16;

    private const double NoMass = 1e-12;
    private const int Bisections = 24;

    /// <summary>The age (seconds since submit) at which to check next.</summary>
    /// <param name="now">The task's age now.</param>
    /// <param name="observations">The checks so far that found the task not final, oldest first.</param>
    /// <param name="model">The durations of this kind of task.</param>
    /// <param name="lagBudget">Seconds of expected lateness a check may accept.</param>
    /// <param name="minGap">The shortest wait from now.</param>
    /// <param name="maxGap">The longest wait from now.</param>
    public static double NextLook(double now, IReadOnlyList<Observation> observations, DurationModel model, double lagBudget, double minGap, double maxGap)
    {
        double earliest = now + minGap;
        double latest = now + Math.Max(minGap, maxGap);
        Span<(double Lo, double Hi)> ranges = stackalloc (double, double)[QueueShares.Length];
        int count = Ranges(observations, model, ranges, useProgress: true);
        if (count == 0)
        {
            // Progress that fits no linear run (a stall, a restart): fall back to what "not finished yet" alone says.
            count = Ranges(observations, model, ranges, useProgress: false);
        }

        ranges = ranges[..count];
        double mass = 0;
        foreach ((double lo, double hi) in ranges)
        {
            mass += model.Mass(lo, hi);
        }

        if (mass < NoMass)
        {
            // Far past anything the model expects: look again after a tenth of the age, within the bounds.
            return Math.Clamp(now * 1.1, earliest, latest);
        }

        if (ExpectedLag(latest, ranges, model, mass) < lagBudget)
        {
            return latest;
        }

        if (ExpectedLag(earliest, ranges, model, mass) >= lagBudget)
        {
            return earliest;
        }

        double low = earliest, high = latest;
        for (int i = 0; i < Bisections; i++)
        {
            double middle = (low + high) / 2;
            if (ExpectedLag(middle, ranges, model, mass) >= lagBudget)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    private static double ExpectedLag(double x, ReadOnlySpan<(double Lo, double Hi)> ranges, DurationModel model, double mass)
    {
        double lag = 0;
        foreach ((double lo, double hi) in ranges)
        {
            lag += model.LagMass(x, lo, hi);
        }

        return lag / mass;
    }

    /// <summary>For each queue share, the durations the observations allow: (lo, hi]; returns how many are not empty.</summary>
    private static int Ranges(IReadOnlyList<Observation> observations, DurationModel model, Span<(double Lo, double Hi)> ranges, bool useProgress)
    {
        int count = 0;
        foreach (double share in QueueShares)
        {
            double lo = 0, hi = double.PositiveInfinity;
            foreach (Observation seen in observations)
            {
                lo = Math.Max(lo, seen.Age); // not finished then
                if (!useProgress)
                {
                    continue;
                }

                if (seen.Status == MidjourneyTaskStatus.Pending)
                {
                    lo = Math.Max(lo, seen.Age / share); // still queued: the queue wait share*D is longer
                }
                else if (seen.Status == MidjourneyTaskStatus.InProgress && seen.Progress is int progress)
                {
                    (lo, hi) = Running(seen.Age, progress / 100.0, share, lo, hi);
                }
            }

            if (hi > lo && model.Mass(lo, hi) > NoMass)
            {
                ranges[count++] = (lo, hi);
            }
        }

        return count;
    }

    /// <summary>
    /// Running at <paramref name="progress"/> at age t: the share of the running time (1 - u)·D gone by, (t - u·D) / ((1 - u)·D),
    /// is within the tolerance of the progress; each side is linear in 1/D.
    /// </summary>
    private static (double Lo, double Hi) Running(double t, double progress, double share, double lo, double hi)
    {
        double behind = progress - ProgressBehind;
        double ahead = Math.Min(1, progress + ProgressAhead);

        // Started by t: u·D ≤ t, and at least `behind` of the run done: D ≤ t / (u + behind·(1 - u)).
        double atMost = share + (Math.Max(0, behind) * (1 - share));
        hi = Math.Min(hi, t / atMost);

        // At most `ahead` done: D ≥ t / (u + ahead·(1 - u)).
        lo = Math.Max(lo, t / (share + (ahead * (1 - share))));
        return (lo, hi);
    }
}
