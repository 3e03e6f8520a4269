using System.Globalization;
using System.Net.Sockets;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Http;

namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>
/// Many concurrent waits on one client against the emulator over loopback (Kestrel on 127.0.0.1), on a virtual clock
/// shared with the emulator: how many status requests they cost, how many TCP connections the client opens, and how
/// much managed heap the waits hold. The client is built exactly as <c>new MidjourneyClient(options)</c> builds it (the
/// SDK's connection handler, capped at <see cref="MidjourneyClientOptions.MaxConnectionsPerServer"/>), with a counter
/// on its connect callback.
/// </summary>
public static class ConcurrencyRun
{
    /// <summary>The bounds for 1000 waits on one client.</summary>
    private const int MaxConnections = 20;
    private const double MaxHeapMegabytes = 16;

    /// <summary>Prints the table; returns whether every provider stayed within the bounds.</summary>
    public static async Task<bool> RunAsync(int waits)
    {
        bool met = true;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{waits} concurrent waits per provider on one client; emulator jobs lognormal around 60 s (sigma 0.7); default options (20 connections per server)"));
        Console.WriteLine();
        Console.WriteLine("| provider | status requests | per task | most in one tick | TCP connections opened | managed heap held by the waits |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
        {
            met &= await RunOneAsync(provider, waits).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine(met
            ? $"Within bounds: at most {MaxConnections} connections and {MaxHeapMegabytes} MB of managed heap held by the waits, every wait ended."
            : "BOUNDS EXCEEDED (see the table).");
        return met;
    }

    private static async Task<bool> RunOneAsync(MidjourneyProvider provider, int waits)
    {
        var clock = new VirtualClock();
        await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions
        {
            TimeProvider = clock,
            TaskDuration = TimeSpan.FromSeconds(60),
            TaskDurationSpread = 0.7,
        }).ConfigureAwait(false);

        var options = new MidjourneyClientOptions { Provider = provider, ApiKey = emulator.ApiKey, BaseUrl = emulator.BaseUrl };
        int connections = 0;
        SocketsHttpHandler sockets = MidjourneyClient.CreateConnectionHandler(options.MaxConnectionsPerServer);
        sockets.ConnectCallback = async (context, cancellationToken) =>
        {
            Interlocked.Increment(ref connections);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        };
        var counter = new StatusCounter(sockets, clock);
        using var client = new MidjourneyClient(new HttpClient(new AnswerBufferingHandler(counter)), MidjourneyClient.HttpClientUse.Owned, options, clock, null);

        // Submit in parallel, as a batch job would.
        var ids = new string[waits];
        await Parallel.ForAsync(0, waits, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            ids[i] = (await client.ImagineAsync(new ImagineRequest("a lighthouse " + i.ToString(CultureInfo.InvariantCulture)), ct).ConfigureAwait(false)).Id).ConfigureAwait(false);

        long baseline = Heap();
        counter.Reset();
        var done = Task.Run(async () =>
        {
            int finished = 0;
            await foreach (MidjourneyTask _ in client.WaitForEachAsync(ids).ConfigureAwait(false))
            {
                finished++;
            }

            return finished;
        });

        // Let every wait register, then measure what they hold together, mid-run.
        while (client.Tracker.TrackedCount < waits && !done.IsCompleted)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }

        long held = Heap() - baseline;
        await VirtualTimeDriver.RunUntilAsync(clock, client, done).ConfigureAwait(false);
        int finishedCount = await done.ConfigureAwait(false);
        if (finishedCount != waits)
        {
            throw new InvalidOperationException($"{finishedCount} of {waits} waits ended.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {counter.Requests} | {(double)counter.Requests / waits:F2} | {counter.MostInOneTick} | {connections} | {held / (1024.0 * 1024):F1} MB |"));
        return connections <= MaxConnections && held / (1024.0 * 1024) <= MaxHeapMegabytes;
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Counts status requests (everything but submits), and the most that went out at one virtual instant.</summary>
    private sealed class StatusCounter(HttpMessageHandler inner, TimeProvider clock) : DelegatingHandler(inner)
    {
        private readonly object _gate = new();
        private int _requests;
        private int _inTick;
        private int _most;
        private DateTimeOffset _tick;

        public int Requests => _requests;

        public int MostInOneTick => _most;

        public void Reset()
        {
            lock (_gate)
            {
                _requests = 0;
                _most = 0;
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!SubmitPaths.IsSubmit(request.RequestUri!))
            {
                lock (_gate)
                {
                    _requests++;
                    DateTimeOffset tick = clock.GetUtcNow();
                    _inTick = tick == _tick ? _inTick + 1 : 1;
                    _tick = tick;
                    _most = Math.Max(_most, _inTick);
                }
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
