using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>
/// A paired comparison for the loopback time, which a small machine makes noisy: rounds alternate a batch of raw calls and
/// a batch of SDK calls against the same out-of-process server, so drift in the machine's load hits both sides alike, and
/// the ratio is taken per round and reported as the median over the rounds (with its spread). Both sides get their
/// <see cref="HttpClient"/> from <c>IHttpClientFactory</c>. Run with <c>-- --paired [rounds] [callsPerBatch]</c>.
/// </summary>
public static class PairedLoopback
{
    public static async Task RunAsync(int rounds, int callsPerBatch)
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        var services = new ServiceCollection();
        services.AddHttpClient("raw");
        services.AddMidjourney(o => { o.ApiKey = Payloads.ApiKey; o.BaseUrl = server.BaseUrl; });
        await using ServiceProvider provider = services.BuildServiceProvider();
        var raw = new RawGoApi(provider.GetRequiredService<IHttpClientFactory>().CreateClient("raw"), server.BaseUrl);
        IMidjourneyClient factorySdk = provider.GetRequiredService<IMidjourneyClient>();
        using var yourHttpClient = new HttpClient();
        using var yourSdk = new MidjourneyClient(yourHttpClient, new MidjourneyClientOptions { ApiKey = Payloads.ApiKey, BaseUrl = server.BaseUrl });

        foreach ((string how, IMidjourneyClient sdk) in new[] { ("AddMidjourney", factorySdk), ("your HttpClient", (IMidjourneyClient)yourSdk) })
        {
            await CompareAsync(
                $"submit ({how})",
                () => raw.ImagineAsync("a lighthouse on a cliff at dawn"),
                () => sdk.ImagineAsync(new ImagineRequest("a lighthouse on a cliff at dawn")),
                rounds,
                callsPerBatch);
            await CompareAsync($"fetch ({how})", () => raw.FetchAsync(Payloads.TaskId), () => sdk.GetTaskAsync(Payloads.TaskId), rounds, callsPerBatch);
        }
    }

    private static async Task CompareAsync(string name, Func<Task> raw, Func<Task> sdk, int rounds, int callsPerBatch)
    {
        await BatchAsync(raw, callsPerBatch * 5);
        await BatchAsync(sdk, callsPerBatch * 5);
        var rawTimes = new List<double>();
        var sdkTimes = new List<double>();
        var ratios = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which side goes first, so neither always follows the other's garbage collections.
            (double first, double second) = round % 2 == 0
                ? (await BatchAsync(raw, callsPerBatch), await BatchAsync(sdk, callsPerBatch))
                : Swap(await BatchAsync(sdk, callsPerBatch), await BatchAsync(raw, callsPerBatch));
            rawTimes.Add(first);
            sdkTimes.Add(second);
            ratios.Add(second / first);
        }

        ratios.Sort();
        Console.WriteLine(
            $"{name,-26} loopback, {rounds} rounds of {callsPerBatch} calls each side: raw median {Median(rawTimes):F1} μs, SDK median {Median(sdkTimes):F1} μs, "
            + $"per-round ratio median {Median(ratios):F3} (middle half {ratios[rounds / 4]:F3} to {ratios[3 * rounds / 4]:F3})");
    }

    private static (double Raw, double Sdk) Swap(double sdk, double raw) => (raw, sdk);

    /// <summary>Mean microseconds per call over one batch.</summary>
    private static async Task<double> BatchAsync(Func<Task> call, int calls)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            await call();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
