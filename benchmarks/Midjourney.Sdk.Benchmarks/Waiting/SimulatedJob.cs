namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>
/// One simulated Midjourney job, like the emulator's: a queue wait of 5 to 45% of its duration, then progress in
/// Midjourney's steps (0, 15, 31, 46, 62, 78, 93) at about k/7 of the running time (each step jittered by up to 8% of a
/// step), then done. Nothing here knows the polling schedule.
/// </summary>
public sealed class SimulatedJob
{
    private static readonly int[] Steps = [15, 31, 46, 62, 78, 93];
    private readonly double[] _stepAt = new double[Steps.Length];

    public SimulatedJob(string id, DateTimeOffset submittedAt, double seconds, Random random)
    {
        Id = id;
        SubmittedAt = submittedAt;
        Seconds = seconds;
        double queued = seconds * (0.05 + (0.40 * random.NextDouble()));
        StartsAfter = queued;
        double running = seconds - queued;
        double step = running / 7;
        double previous = queued;
        for (int k = 0; k < Steps.Length; k++)
        {
            double at = queued + (step * (k + 1)) + (step * 0.08 * ((2 * random.NextDouble()) - 1));
            _stepAt[k] = previous = Math.Clamp(at, previous, seconds - 1e-6);
        }
    }

    public string Id { get; }

    public DateTimeOffset SubmittedAt { get; }

    /// <summary>Seconds from submit to result.</summary>
    public double Seconds { get; }

    /// <summary>Seconds queued after the submit.</summary>
    public double StartsAfter { get; }

    public DateTimeOffset FinishedAt => SubmittedAt + TimeSpan.FromSeconds(Seconds);

    public DateTimeOffset StartedAt => SubmittedAt + TimeSpan.FromSeconds(StartsAfter);

    /// <summary>The job's phase and progress at <paramref name="now"/>.</summary>
    public (JobPhase Phase, int Progress) At(DateTimeOffset now)
    {
        double age = (now - SubmittedAt).TotalSeconds;
        if (age >= Seconds)
        {
            return (JobPhase.Done, 100);
        }

        if (age < StartsAfter)
        {
            return (JobPhase.Queued, 0);
        }

        int progress = 0;
        for (int k = 0; k < Steps.Length && age >= _stepAt[k]; k++)
        {
            progress = Steps[k];
        }

        return (JobPhase.Running, progress);
    }

    /// <summary>The mix of the issue: lognormal durations with median 60 s and σ 0.7, clipped to 10..600 s.</summary>
    public static double DrawSeconds(Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Clamp(60 * Math.Exp(0.7 * z), 10, 600);
    }
}

public enum JobPhase
{
    Queued,
    Running,
    Done,
}
