// A Native AOT app that uses the SDK. CI publishes it with PublishAot (a trim or AOT warning fails the publish) and runs the
// native executable against the emulator, once through DI bound to configuration and once through the constructor, for
// every provider's protocol:
//
//   dotnet run --project src/Midjourney.Sdk.Emulator --framework net10.0 -- --port 5080 --task-duration 1 &
//   dotnet publish samples/AotSmoke -c Release -o artifacts/aot
//   MIDJOURNEY__BASEURL=http://127.0.0.1:5080 MIDJOURNEY__APIKEY=emulator-key artifacts/aot/AotSmoke
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk;

IConfigurationSection settings = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection("Midjourney");
if (string.IsNullOrWhiteSpace(settings["ApiKey"]) || string.IsNullOrWhiteSpace(settings["BaseUrl"]))
{
    Console.Error.WriteLine("Set MIDJOURNEY__BASEURL and MIDJOURNEY__APIKEY (the emulator's address and key).");
    return 2;
}

foreach (MidjourneyProvider provider in Enum.GetValues<MidjourneyProvider>())
{
    // DI with the options bound from configuration (the binder's source generator, not reflection).
    var services = new ServiceCollection();
    services.AddMidjourney(settings).Services.PostConfigure<MidjourneyClientOptions>(o => o.Provider = provider);
    await using (ServiceProvider container = services.BuildServiceProvider())
    {
        await RunAsync(container.GetRequiredService<IMidjourneyClient>(), "DI");
    }

    // The constructor that owns its HttpClient.
    using var client = new MidjourneyClient(new MidjourneyClientOptions
    {
        Provider = provider,
        ApiKey = settings["ApiKey"],
        BaseUrl = new Uri(settings["BaseUrl"]!),
        Polling = { InitialDelay = TimeSpan.FromMilliseconds(200), Interval = TimeSpan.FromMilliseconds(300), MaxInterval = TimeSpan.FromMilliseconds(500) },
    });
    await RunAsync(client, "constructor");
}

Console.WriteLine("AOT smoke test passed.");
return 0;

static async Task RunAsync(IMidjourneyClient client, string how)
{
    MidjourneyTask grid = await client.ImagineAsync(new ImagineRequest("a lighthouse at dawn") { AspectRatio = "1:1" });
    grid = await client.WaitForCompletionAsync(grid.Id);
    MidjourneyTask upscale = await client.UpscaleAsync(new UpscaleRequest(grid.Id, 1));
    upscale = await client.WaitForCompletionAsync(upscale.Id);
    if (upscale.ImageUrl is null || grid.RawJson is null)
    {
        throw new InvalidOperationException($"{client.Provider} ({how}): the upscale has no image or the grid no raw JSON.");
    }

    Console.WriteLine($"{client.Provider,-8} {how,-11} imagine {grid.Id} -> upscale {upscale.Id}: {upscale.ImageUrl}");
}
