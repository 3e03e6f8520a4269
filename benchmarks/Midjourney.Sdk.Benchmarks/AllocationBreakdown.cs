using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Microsoft.Extensions.DependencyInjection;

namespace Midjourney.Sdk.Benchmarks;

/// <summary>
/// Where the bytes of one call go, by type: the runtime's allocation sampling (an event about every 100 KB, with the
/// type that crossed the mark) over many calls, for raw and the SDK, in memory or on loopback. Run with
/// <c>-- --allocations [submit|fetch] [InMemory|Loopback]</c>. Sampled, so small types are noisy; the totals are exact.
/// </summary>
public static class AllocationBreakdown
{
    private const int Calls = 200_000;

    public static async Task RunAsync(string call, string transport)
    {
        ServerProcess? server = transport == "Loopback" ? await ServerProcess.StartAsync() : null;
        Uri baseUrl = server?.BaseUrl ?? new Uri("https://bench.test/");
        Func<HttpMessageHandler> handler = server is null ? () => new CannedHandler() : () => new SocketsHttpHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("raw").ConfigurePrimaryHttpMessageHandler(handler);
        services.AddMidjourney(o => { o.ApiKey = Payloads.ApiKey; o.BaseUrl = baseUrl; }).ConfigurePrimaryHttpMessageHandler(handler);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var raw = new RawGoApi(provider.GetRequiredService<IHttpClientFactory>().CreateClient("raw"), baseUrl);
        IMidjourneyClient sdk = provider.GetRequiredService<IMidjourneyClient>();

        Func<Task> rawCall = call == "fetch" ? () => raw.FetchAsync(Payloads.TaskId) : () => raw.ImagineAsync("a lighthouse on a cliff at dawn");
        Func<Task> sdkCall = call == "fetch" ? () => sdk.GetTaskAsync(Payloads.TaskId) : () => sdk.ImagineAsync(new ImagineRequest("a lighthouse on a cliff at dawn"));
        await ReportAsync($"raw {call} ({transport})", rawCall);
        await ReportAsync($"Midjourney.Sdk {call} ({transport})", sdkCall);
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private static async Task ReportAsync(string name, Func<Task> call)
    {
        for (int i = 0; i < 5_000; i++)
        {
            await call();
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        using (var listener = new AllocationListener())
        {
            for (int i = 0; i < Calls; i++)
            {
                await call();
            }

            long total = GC.GetTotalAllocatedBytes(precise: true) - before;
            Console.WriteLine($"== {name}: {total / (double)Calls:F0} B per call (exact); by type (sampled):");
            foreach ((string type, long bytes) in listener.ByType.OrderByDescending(t => t.Value).Take(30))
            {
                Console.WriteLine($"{bytes / (double)Calls,9:F1} B  {Shorten(type)}");
            }
        }
    }

    private static string Shorten(string type) => type.Length <= 150 ? type : type[..150] + "...";

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: allocation ticks
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "GCAllocationTick_V4" || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
            {
                return;
            }

            string type = payload[names.IndexOf("TypeName")] as string ?? "?";
            long amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            ByType.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }
    }
}
