// Quickstart: imagine -> wait (with progress) -> upscale U1 -> wait -> vary a region of it, with a mask read from a file
// (MidjourneyImage.FromFile; where the provider offers it) -> wait -> save the images under ./output (client.DownloadAsync).
//
//   dotnet run --project samples/Quickstart
//
// With no configuration it runs against the built-in emulator (no API key, nothing leaves this machine).
// To run against a real provider, set MIDJOURNEY__PROVIDER (GoApi, MjProxy, Apixo or MidApi), MIDJOURNEY__APIKEY and
// optionally MIDJOURNEY__BASEURL (required for MjProxy: your relay's address; https://api.kie.ai for midapi on kie.ai).
// MIDJOURNEY__PROVIDER alone picks the protocol the built-in emulator is spoken with.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Midjourney.Sdk;
using Midjourney.Sdk.Emulator;
using Quickstart;

IConfigurationSection settings = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection("Midjourney");
bool useEmulator = string.IsNullOrWhiteSpace(settings["ApiKey"]);

await using MidjourneyEmulator? emulator = useEmulator
    ? await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(3) })
    : null;

var services = new ServiceCollection();
if (emulator is not null)
{
    Console.WriteLine($"No MIDJOURNEY__APIKEY set: using the built-in emulator at {emulator.BaseUrl}");
    services.AddMidjourney(options =>
    {
        options.Provider = Enum.Parse<MidjourneyProvider>(settings["Provider"] ?? nameof(MidjourneyProvider.GoApi), ignoreCase: true);
        options.ApiKey = emulator.ApiKey;
        options.BaseUrl = emulator.BaseUrl;
        options.Polling.InitialDelay = TimeSpan.FromMilliseconds(300);
        options.Polling.Interval = TimeSpan.FromMilliseconds(500);
        options.Polling.MaxInterval = TimeSpan.FromSeconds(1); // the emulator's jobs take 3 s, not a minute
    });
}
else
{
    services.AddMidjourney(settings);
}

await using ServiceProvider provider = services.BuildServiceProvider();
IMidjourneyClient client = provider.GetRequiredService<IMidjourneyClient>();
var progress = new ConsoleProgress();
string outputDirectory = Path.GetFullPath("output");
Directory.CreateDirectory(outputDirectory);

Console.WriteLine($"Provider: {client.Provider}");
MidjourneyTask imagine = await client.ImagineAsync(new ImagineRequest("a lighthouse on a cliff at dawn, oil painting") { AspectRatio = "1:1" });
Console.WriteLine($"Imagine submitted: task {imagine.Id}");
imagine = await client.WaitForCompletionAsync(imagine.Id, progress);
Console.WriteLine($"Imagine finished: {imagine.ImageUrls.Count} images");

MidjourneyTask upscale = await client.UpscaleAsync(new UpscaleRequest(imagine.Id, 1));
Console.WriteLine($"Upscale U1 submitted: task {upscale.Id}");
upscale = await client.WaitForCompletionAsync(upscale.Id, progress);
Console.WriteLine($"Upscale finished: {upscale.ImageUrl}");

// Vary region: repaint the white part of a black-and-white mask. Inputs come from a URL, bytes, a stream or, here, a file
// (its type is read from its first bytes). midapi has no vary region, so Capabilities says to skip it there.
MidjourneyTask? inpaint = null;
if (client.Capabilities.Supports(MidjourneyAction.Inpaint))
{
    MidjourneyImage mask = MidjourneyImage.FromFile(Path.Combine(AppContext.BaseDirectory, "mask.png"));
    inpaint = await client.InpaintAsync(new InpaintRequest(upscale.Id, mask) { Prompt = "a flock of seagulls in the sky" });
    Console.WriteLine($"Vary region submitted: task {inpaint.Id}");
    inpaint = await client.WaitForCompletionAsync(inpaint.Id, progress);
    Console.WriteLine($"Vary region finished: {inpaint.ImageUrls.Count} images");
}
else
{
    Console.WriteLine($"{client.Provider} does not offer vary region (inpaint): skipped.");
}

// Providers keep results for 5 to 15 days: save them. Names are predictable ({task id}.png for the grid where the provider
// sends one, {task id}-1.png .. -4.png for the images), each file is checked (an image, not too large) and retried like a read.
Console.WriteLine("Saved:");
List<MidjourneyDownload> saved = [.. await client.DownloadAsync(imagine, outputDirectory), .. await client.DownloadAsync(upscale, outputDirectory)];
if (inpaint is not null)
{
    saved.AddRange(await client.DownloadAsync(inpaint, outputDirectory));
}

foreach (MidjourneyDownload file in saved)
{
    Console.WriteLine($"  {file.Path} ({file.Length} bytes)");
}
