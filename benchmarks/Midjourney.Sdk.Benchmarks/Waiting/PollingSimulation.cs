using System.Globalization;

namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>
/// The polling simulation: for each provider, one client submits and waits for a seeded mix of jobs one after another
/// (so it can learn), on a virtual clock against in-memory answers in that provider's wire format. Prints status requests
/// per task and detection lag (how long after a job finished the wait returned), next to fixed schedules on the same jobs.
/// </summary>
public static class PollingSimulation
{
    private const int Seed = 20261125;

    /// <summary>The previous release's schedule (first delay, interval growing by half up to a maximum), per provider.</summary>
    private static readonly Dictionary<MidjourneyProvider, (double First, double Interval, double Max)> PreviousRelease = new()
    {
        [MidjourneyProvider.GoApi] = (2, 3, 10),
        [MidjourneyProvider.MjProxy] = (3, 3, 15),
        [MidjourneyProvider.Apixo] = (20, 3, 3),
        [MidjourneyProvider.MidApi] = (15, 10, 30),
    };

    /// <summary>The issue's targets: status requests per task, and mean detection lag in seconds.</summary>
    public static (double Requests, double Lag) Target(MidjourneyProvider provider) =>
        provider is MidjourneyProvider.GoApi or MidjourneyProvider.MjProxy ? (8, 2) : (8, 6);

    /// <summary>The issue's target with callbacks delivered: status requests per task.</summary>
    public const double CallbackTargetRequests = 2;

    /// <summary>Prints the table; returns whether every provider met its target.</summary>
    public static async Task<bool> RunAsync(int tasks)
    {
        bool met = true;
        double[] durations = Durations(tasks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tasks} jobs per provider, lognormal (median 60 s, sigma 0.7, clipped to 10..600 s), seed {Seed}: mean {durations.Average():F1} s, max {durations.Max():F0} s"));
        Console.WriteLine();
        Console.WriteLine("| provider | schedule | status requests per task | mean lag | p95 lag |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
        {
            (double[] looks, double[] lags) = await SimulateAsync(provider, durations).ConfigureAwait(false);
            Row(provider, "**this SDK** (all jobs)", looks, lags);
            met &= looks.Average() <= Target(provider).Requests && lags.Average() <= Target(provider).Lag;
            int warm = Math.Min(50, tasks / 4);
            Row(provider, $"this SDK, jobs after the first {warm}", looks[warm..], lags[warm..]);
            (looks, lags) = await SimulateAsync(provider, durations, callbacks: true).ConfigureAwait(false);
            Row(provider, "this SDK with callbacks (each job's callback at its end; checks are the safety net)", looks, lags);
            met &= looks.Average() <= CallbackTargetRequests;
            (looks, lags) = await SimulateAsync(provider, durations, callbacks: true, loseEvery: 5).ConfigureAwait(false);
            Row(provider, "this SDK with callbacks, every 5th one lost", looks, lags);
            (double first, double interval, double max) = PreviousRelease[provider];
            (looks, lags) = Fixed(durations, first, interval, max);
            Row(provider, string.Create(CultureInfo.InvariantCulture, $"previous release ({first} s, then {interval} s growing to {max} s)"), looks, lags);
        }

        foreach (double interval in new[] { 5.0, 10.0 })
        {
            (double[] looks, double[] lags) = Fixed(durations, interval, interval, interval);
            Row(null, string.Create(CultureInfo.InvariantCulture, $"fixed every {interval} s"), looks, lags);
        }

        Console.WriteLine();
        Console.WriteLine(met
            ? "Targets met: GoAPI and MJ-Proxy at most 8 requests per task at a mean lag of at most 2 s; APIXO and midapi at most 8 at 6 s."
            : "TARGETS MISSED (see the table).");
        return met;
    }

    /// <summary>The same seeded durations for every provider.</summary>
    public static double[] Durations(int count)
    {
        var random = new Random(Seed);
        return [.. Enumerable.Range(0, count).Select(_ => SimulatedJob.DrawSeconds(random))];
    }

    /// <summary>
    /// Runs the jobs one after another on one client. With <paramref name="callbacks"/>, the client has a webhook URL and
    /// each job's final callback is handed to <see cref="MidjourneyClient.HandleWebhookAsync"/> at the instant the job ends
    /// (except every <paramref name="loseEvery"/>-th, which is lost), so the figures show what the safety-net checks cost.
    /// </summary>
    private static async Task<(double[] Looks, double[] Lags)> SimulateAsync(MidjourneyProvider provider, double[] durations, bool callbacks = false, int loseEvery = 0)
    {
        var clock = new VirtualClock();
        var handler = new SimulatedProviderHandler(provider, clock, new Queue<double>(durations), Seed);
        var options = new MidjourneyClientOptions { Provider = provider, ApiKey = "sim-key", BaseUrl = new Uri("https://sim.test/") };
        if (callbacks)
        {
            options.Webhooks.Url = new Uri("https://app.sim.test/midjourney/webhooks");
        }

        using var client = new MidjourneyClient(new HttpClient(handler), options, clock);
        var looks = new double[durations.Length];
        var lags = new double[durations.Length];
        for (int i = 0; i < durations.Length; i++)
        {
            MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest("a fox in the snow")).ConfigureAwait(false);
            Task<MidjourneyTask> wait = client.WaitForCompletionAsync(submitted.Id);
            bool lost = loseEvery > 0 && (i + 1) % loseEvery == 0;
            DateTimeOffset? callbackAt = callbacks && !lost ? handler.Job(submitted.Id).FinishedAt : null;
            await VirtualTimeDriver.RunUntilAsync(
                clock,
                client,
                wait,
                callbackAt,
                () => client.HandleWebhookAsync(new MidjourneyWebhookRequest(handler.FinalCallback(submitted.Id)))).ConfigureAwait(false);
            await wait.ConfigureAwait(false);
            looks[i] = handler.Looks(submitted.Id);
            lags[i] = (clock.GetUtcNow() - handler.Job(submitted.Id).FinishedAt).TotalSeconds;
            clock.Advance(TimeSpan.FromSeconds(3)); // the app does something else before its next job
        }

        return (looks, lags);
    }

    /// <summary>A schedule that does not adapt: first look, then an interval growing by half up to a maximum.</summary>
    private static (double[] Looks, double[] Lags) Fixed(double[] durations, double first, double interval, double max)
    {
        var looks = new double[durations.Length];
        var lags = new double[durations.Length];
        for (int i = 0; i < durations.Length; i++)
        {
            double t = first, gap = interval;
            int n = 1;
            while (t < durations[i])
            {
                t += gap;
                gap = Math.Min(gap * 1.5, max);
                n++;
            }

            looks[i] = n;
            lags[i] = t - durations[i];
        }

        return (looks, lags);
    }

    private static void Row(MidjourneyProvider? provider, string schedule, double[] looks, double[] lags)
    {
        double[] sorted = [.. lags.Order()];
        double p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {provider?.ToString() ?? "any"} | {schedule} | {looks.Average():F2} | {lags.Average():F2} s | {p95:F2} s |"));
    }
}
