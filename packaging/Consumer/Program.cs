// A user's app over the packed packages: imagine -> wait -> DownloadAsync against the emulator package; exits 1 on failure.
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk;
using Midjourney.Sdk.Emulator;

string output = args.Length > 0 ? args[0] : "consumer-output";

await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(1) });
var services = new ServiceCollection();
services.AddMidjourney(options =>
{
    options.ApiKey = emulator.ApiKey;
    options.BaseUrl = emulator.BaseUrl;
    options.Polling.InitialDelay = TimeSpan.FromMilliseconds(200);
    options.Polling.Interval = TimeSpan.FromMilliseconds(200);
    options.Polling.MaxInterval = TimeSpan.FromMilliseconds(500);
});
// The other two packages restore and compile too (no Redis server here, so the backplane is only named).
Func<Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string, string?, IEndpointConventionBuilder> mapWebhooks = MidjourneyWebhookEndpointRouteBuilderExtensions.MapMidjourneyWebhooks;
Console.WriteLine($"Packages: {typeof(MidjourneyRedisOptions).Assembly.GetName().Name}, {mapWebhooks.Method.DeclaringType!.Assembly.GetName().Name}");

await using ServiceProvider provider = services.BuildServiceProvider();
IMidjourneyClient client = provider.GetRequiredService<IMidjourneyClient>();

MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a lighthouse on a cliff at dawn"));
task = await client.WaitForCompletionAsync(task.Id);
IReadOnlyList<MidjourneyDownload> files = await client.DownloadAsync(task, output);
foreach (MidjourneyDownload file in files)
{
    Console.WriteLine($"Saved {file}");
}

if (files.Count < 4)
{
    Console.Error.WriteLine($"Expected at least 4 files, got {files.Count}.");
    return 1;
}

Console.WriteLine($"Consumer OK: Midjourney.Sdk {typeof(IMidjourneyClient).Assembly.GetName().Version} on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
return 0;
