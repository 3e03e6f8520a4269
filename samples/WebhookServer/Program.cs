// WebhookServer: a minimal API app that receives the provider's callbacks (webhooks), so waits end when a task ends
// instead of when a status check happens to look.
//
//   dotnet run --project samples/WebhookServer
//
// It starts the built-in emulator, listens on 127.0.0.1, submits two imagines whose callback URL is its own
// /midjourney/webhooks endpoint, waits for both and exits (non-zero after 60 s). MIDJOURNEY__PROVIDER picks the protocol
// (GoApi, MjProxy, Apixo, MidApi). In production, Webhooks:Url is your app's public https address and the secret comes
// from your secret store; without a callback (a lost one, or an emulator that does not call back) waits still end, by
// slow safety-net status checks.
using System.Net;
using System.Net.Sockets;
using Midjourney.Sdk;
using Midjourney.Sdk.Emulator;
using WebhookServer;

using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(
    new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(2) }, timeout.Token);

// The client's options (the callback URL among them) are read when the app starts, before it listens: so the sample
// picks its port first. A real app knows its public address from configuration.
var appUrl = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
var callbackUrl = new Uri(appUrl, "/midjourney/webhooks");

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(appUrl.AbsoluteUri);
// ASP.NET Core's request logs (Information) print each URL with its query, and the callback URL of MJ-Proxy, APIXO and
// midapi carries the SDK's token there: keep them at Warning.
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var providerRequests = new RequestCounter();
builder.Services.AddMidjourney(options =>
{
    options.Provider = Enum.Parse<MidjourneyProvider>(builder.Configuration["Midjourney:Provider"] ?? nameof(MidjourneyProvider.GoApi), ignoreCase: true);
    options.ApiKey = emulator.ApiKey;
    options.BaseUrl = emulator.BaseUrl;
    options.Webhooks.Url = callbackUrl;
    options.Webhooks.Secret = "a-long-random-secret-for-the-sample";
    options.Webhooks.NotifyProgress = true;
    options.Webhooks.AllowHttp = true; // the emulator calls http://127.0.0.1; real providers call https
    // The emulator's jobs take 2 s, not a minute: a first look after a second, then the safety net's looks, 15 s apart.
    options.Polling.InitialDelay = TimeSpan.FromSeconds(1);
    options.Polling.MaxInterval = TimeSpan.FromSeconds(15);
}).AddHttpMessageHandler(() => new CountingHandler(providerRequests));

// Runs for every new state of a task, from a callback or a status check, whether or not anyone waits.
builder.Services.AddMidjourneyTaskHandler<PrintingHandler>();

WebApplication app = builder.Build();

// Counts the callbacks the endpoint accepted, to tell at the end how the results came.
int callbacks = 0;
app.Use(async (context, next) =>
{
    await next(context);
    if (context.Request.Path == callbackUrl.AbsolutePath && context.Response.StatusCode == StatusCodes.Status200OK)
    {
        Interlocked.Increment(ref callbacks);
    }
});
app.MapMidjourneyWebhooks(); // POST /midjourney/webhooks: 200, or 401/413/400 for a refused callback

try
{
    await app.StartAsync(timeout.Token);
    IMidjourneyClient client = app.Services.GetRequiredService<IMidjourneyClient>();
    Console.WriteLine($"Provider: {client.Provider} on the emulator at {emulator.BaseUrl}");
    Console.WriteLine($"Callbacks go to {callbackUrl}");

    var ids = new List<string>();
    foreach (string prompt in new[] { "a lighthouse on a cliff at dawn", "a fox in the snow, watercolor" })
    {
        MidjourneyTask submitted = await client.ImagineAsync(new ImagineRequest(prompt), timeout.Token);
        Console.WriteLine($"Submitted {submitted.Id}: {prompt}");
        ids.Add(submitted.Id);
    }

    await foreach (MidjourneyTask task in client.WaitForEachAsync(ids, timeout.Token))
    {
        Console.WriteLine($"Done {task.Id}: {task.Status} {task.ImageUrl}");
    }

    int statusChecks = providerRequests.Count - ids.Count;
    Console.WriteLine($"Callbacks accepted: {Volatile.Read(ref callbacks)}; status checks sent: {statusChecks}");
    Console.WriteLine(Volatile.Read(ref callbacks) > 0
        ? "The results came by callback."
        : "No callback arrived (an emulator without callbacks, or lost ones): the waits ended by their safety-net status checks.");
    return 0;
}
catch (OperationCanceledException) when (timeout.IsCancellationRequested)
{
    Console.Error.WriteLine("The sample did not finish within 60 seconds.");
    return 1;
}
finally
{
    using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
    await app.StopAsync(stopping.Token);
    await app.DisposeAsync();
}

// A port free on 127.0.0.1 right now (bound and released): a shortcut for a sample that must not collide with others.
static int FreeLoopbackPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
