using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>
/// Waits that end by callback, in real time over loopback: the emulator runs jobs of a few seconds and calls the app back
/// the way each provider does; the app (Kestrel on 127.0.0.1) hands each callback to <see cref="MidjourneyClient.HandleWebhookAsync"/>.
/// Measures the status requests the waits still make (the safety net) and the lag from the emulator's final callback to
/// the end of the wait.
/// </summary>
public static class CallbackRun
{
    private const double MaxRequestsPerTask = 2;
    private const double MaxMeanLagMs = 100;
    private const string Secret = "benchmark-webhook-secret-0123456789";

    public static async Task<bool> RunAsync(int tasks)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tasks} concurrent waits per provider ending by callback; real clock; emulator jobs lognormal around 1 s (sigma 0.5); callbacks over loopback to Kestrel"));
        Console.WriteLine();
        Console.WriteLine("| provider | status requests per task | mean lag | p95 lag | max lag |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        bool met = true;
        foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
        {
            met &= await RunOneAsync(provider, tasks).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine(met
            ? $"Targets met: at most {MaxRequestsPerTask} status requests per task and a mean lag of at most {MaxMeanLagMs} ms."
            : "TARGETS MISSED (see the table).");
        return met;
    }

    private static async Task<bool> RunOneAsync(MidjourneyProvider provider, int tasks)
    {
        await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions
        {
            TaskDuration = TimeSpan.FromSeconds(1),
            TaskDurationSpread = 0.5,
        }).ConfigureAwait(false);

        MidjourneyClient? client = null;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using WebApplication app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
            var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}");
            await client!.HandleWebhookAsync(new MidjourneyWebhookRequest(body.ToArray(), headers, url), context.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        });
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Urls.First();

        var options = new MidjourneyClientOptions
        {
            Provider = provider,
            ApiKey = emulator.ApiKey,
            BaseUrl = emulator.BaseUrl,
            Webhooks = { Url = new Uri(address + "/hook"), Secret = Secret, AllowHttp = true },
        };
        var counter = new StatusRequestCounter(MidjourneyClient.CreateConnectionHandler(options.MaxConnectionsPerServer));
        client = new MidjourneyClient(new HttpClient(new AnswerBufferingHandler(counter)), MidjourneyClient.HttpClientUse.Owned, options, null, null);
        using (client)
        {
            var ids = new string[tasks];
            await Parallel.ForAsync(0, tasks, async (i, ct) =>
                ids[i] = (await client.ImagineAsync(new ImagineRequest("a harbour at night " + i.ToString(CultureInfo.InvariantCulture)), ct).ConfigureAwait(false)).Id).ConfigureAwait(false);

            var ended = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            await foreach (MidjourneyTask task in client.WaitForEachAsync(ids).ConfigureAwait(false))
            {
                ended[task.Id] = DateTimeOffset.UtcNow;
            }

            // The emulator logs a delivery once the app has answered it: let the last answers land.
            await emulator.WhenCallbacksIdleAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);

            // The lag of each wait: from the emulator's final callback (its first attempt) to the end of the wait.
            double[] lags = [.. ids.Select(id => (ended[id] - emulator.CallbackDeliveries
                .Where(d => d.TaskId == id && d.Status is "Succeeded" or "Failed" && d.Attempt == 1)
                .Min(d => d.At)).TotalMilliseconds).Order()];
            double perTask = (double)counter.Requests / tasks;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {perTask:F2} | {lags.Average():F1} ms | {lags[(int)Math.Ceiling(0.95 * lags.Length) - 1]:F1} ms | {lags[^1]:F1} ms |"));
            return perTask <= MaxRequestsPerTask && lags.Average() <= MaxMeanLagMs;
        }
    }
}
