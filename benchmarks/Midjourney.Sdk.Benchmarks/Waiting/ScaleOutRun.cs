using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk.Emulator;

namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>
/// The Redis backplane (Midjourney.Sdk.Redis) in real time over loopback, with a Redis-protocol server embedded in the
/// process (Microsoft.Garnet) and the emulator; each app instance is a service provider of its own, as on its own machine.
/// Fan-out: a verified callback handed to instance A, to the end of the wait on the same task on instance B. Shared
/// polling: the status requests that 1, 2 and 3 instances make when each waits on the same tasks (without the backplane,
/// N instances make N times one instance's requests).
/// </summary>
public static class ScaleOutRun
{
    private const double MaxP95FanOutMs = 100;
    private const double MaxSharedRatio = 1.5;
    private const string Secret = "benchmark-webhook-secret-0123456789";

    public static async Task<bool> RunAsync(int rounds)
    {
        using var redis = new EmbeddedRedis();
        bool fanOut = await FanOutAsync(redis, rounds).ConfigureAwait(false);
        Console.WriteLine();
        bool shared = await SharedPollingAsync(redis).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(fanOut && shared
            ? $"Targets met: fan-out p95 at most {MaxP95FanOutMs} ms; N instances waiting on the same tasks at most {MaxSharedRatio}x one instance's status requests."
            : "TARGETS MISSED (see the tables).");
        return fanOut && shared;
    }

    private static async Task<bool> FanOutAsync(EmbeddedRedis redis, int rounds)
    {
        await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromMinutes(30) }).ConfigureAwait(false);
        await using ServiceProvider a = Instance(emulator, redis, webhooks: true, new StatusRequestCounter());
        await using ServiceProvider b = Instance(emulator, redis, webhooks: true, new StatusRequestCounter());
        IMidjourneyClient onA = a.GetRequiredService<IMidjourneyClient>();
        IMidjourneyClient onB = b.GetRequiredService<IMidjourneyClient>();
        await WarmUpAsync(onA, onB).ConfigureAwait(false);

        var lags = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            MidjourneyTask task = await onA.ImagineAsync(new ImagineRequest("a lighthouse " + i.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
            using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Task<MidjourneyTask> waiting = onB.WaitForCompletionAsync(task.Id, cancellationToken: watching.Token);
            await SeenOnceAsync(onB, task.Id).ConfigureAwait(false); // B's own first check is done: only the callback is left
            var clock = Stopwatch.StartNew();
            await onA.HandleWebhookAsync(Callback(task.Id, "finished", 100)).ConfigureAwait(false);
            await waiting.ConfigureAwait(false);
            lags[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(lags);
        double p50 = lags[lags.Length / 2], p95 = lags[(int)Math.Ceiling(0.95 * lags.Length) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fan-out: {rounds} callbacks handed to instance A (GoAPI), each ending a wait on instance B; real clock; Redis pub/sub over loopback"));
        Console.WriteLine();
        Console.WriteLine("| rounds | median | p95 | max |");
        Console.WriteLine("|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {rounds} | {p50:F2} ms | {p95:F2} ms | {lags[^1]:F2} ms |"));
        return p95 <= MaxP95FanOutMs;
    }

    private static async Task<bool> SharedPollingAsync(EmbeddedRedis redis)
    {
        const int Tasks = 10;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Shared polling: {Tasks} emulator tasks of about 3 s (APIXO: one status request per task and check, no batch; polling every 200-300 ms, no webhooks), each waited on by every instance"));
        Console.WriteLine();
        Console.WriteLine("| instances | status requests in all | per task | vs one instance |");
        Console.WriteLine("|---:|---:|---:|---:|");
        bool met = true;
        double? alone = null;
        foreach ((int count, bool backplane) in new[] { (1, true), (2, true), (3, true), (3, false) })
        {
            await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(3) }).ConfigureAwait(false);
            var counters = new List<StatusRequestCounter>();
            var instances = new List<ServiceProvider>();
            try
            {
                for (int i = 0; i < count; i++)
                {
                    var counter = new StatusRequestCounter();
                    counters.Add(counter);
                    instances.Add(Instance(emulator, backplane ? redis : null, webhooks: false, counter, "shared" + count.ToString(CultureInfo.InvariantCulture), MidjourneyProvider.Apixo));
                }

                IMidjourneyClient[] clients = [.. instances.Select(s => s.GetRequiredService<IMidjourneyClient>())];
                // A first task, not counted: every instance has connected to Redis by its end.
                string first = (await clients[0].ImagineAsync(new ImagineRequest("a warm-up")).ConfigureAwait(false)).Id;
                await Task.WhenAll(clients.Select(c => c.WaitForCompletionAsync(first))).WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
                int before = counters.Sum(c => c.Requests);
                string[] ids = new string[Tasks];
                for (int i = 0; i < Tasks; i++)
                {
                    ids[i] = (await clients[0].ImagineAsync(new ImagineRequest("a harbour " + i.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false)).Id;
                }

                await Task.WhenAll(clients.SelectMany(c => ids.Select(id => c.WaitForCompletionAsync(id)))).WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
                int requests = counters.Sum(c => c.Requests) - before;
                alone ??= requests;
                double ratio = requests / alone.Value;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {count}{(backplane ? "" : ", without the backplane")} | {requests} | {(double)requests / Tasks:F1} | {ratio:F2}x |"));
                met &= !backplane || ratio <= MaxSharedRatio;
            }
            finally
            {
                foreach (ServiceProvider instance in instances)
                {
                    await instance.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        return met;
    }

    /// <summary>One app instance: the default client against the emulator, and the backplane.</summary>
    private static ServiceProvider Instance(
        MidjourneyEmulator emulator, EmbeddedRedis? redis, bool webhooks, StatusRequestCounter counter, string prefix = "fanout", MidjourneyProvider provider = MidjourneyProvider.GoApi)
    {
        var services = new ServiceCollection();
        services.AddMidjourney(o =>
        {
            o.Provider = provider;
            o.ApiKey = emulator.ApiKey;
            o.BaseUrl = emulator.BaseUrl;
            o.Polling.InitialDelay = TimeSpan.FromMilliseconds(200);
            o.Polling.Interval = TimeSpan.FromMilliseconds(200);
            o.Polling.MaxInterval = TimeSpan.FromMilliseconds(300);
            if (webhooks)
            {
                // The emulator's own callbacks go to a closed port on loopback: here only the callbacks handed to A count.
                o.Webhooks.Url = new Uri("http://127.0.0.1:9/hook");
                o.Webhooks.Secret = Secret;
                o.Webhooks.AllowHttp = true;
            }
        }).AddHttpMessageHandler(() => counter);
        if (redis is not null)
        {
            services.AddMidjourneyRedisBackplane(redis.Configuration);
            services.Configure<MidjourneyRedisOptions>(o => o.Prefix = prefix);
        }
        return services.BuildServiceProvider();
    }

    /// <summary>Until B hears a callback handed to A: both are connected and subscribed.</summary>
    private static async Task WarmUpAsync(IMidjourneyClient a, IMidjourneyClient b)
    {
        var heard = new Heard();
        using IDisposable registration = ((MidjourneyClient)b).AddTaskHandler(heard);
        var clock = Stopwatch.StartNew();
        for (int progress = 1; !heard.Any; progress = progress % 98 + 1)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The instances did not reach each other through Redis within 60 s.");
            }

            await a.HandleWebhookAsync(Callback("warm-up-" + clock.ElapsedTicks.ToString(CultureInfo.InvariantCulture), "processing", progress)).ConfigureAwait(false);
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Until the wait on B has had its first answer (its first check found the task running).</summary>
    private static async Task SeenOnceAsync(IMidjourneyClient client, string taskId)
    {
        await foreach (MidjourneyTask _ in client.WatchAsync(taskId).ConfigureAwait(false))
        {
            return;
        }
    }

    private static MidjourneyWebhookRequest Callback(string id, string status, int progress) => new(
        Encoding.UTF8.GetBytes($$$"""
            {"task_id":"{{{id}}}","status":"{{{status}}}","meta":{"task_type":"imagine","created_at":1767225600},
             "task_result":{"image_url":"{{{(status == "finished" ? "https://img.test/" + id + ".png" : "")}}}","image_urls":[],"task_progress":{{{progress}}},"error_messages":[]}}
            """),
        [new("x-webhook-secret", Secret)],
        new Uri("http://127.0.0.1:9/hook"));

    private sealed class Heard : IMidjourneyTaskHandler
    {
        private int _any;

        public bool Any => Volatile.Read(ref _any) == 1;

        public Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken)
        {
            Volatile.Write(ref _any, 1);
            return Task.CompletedTask;
        }
    }
}
