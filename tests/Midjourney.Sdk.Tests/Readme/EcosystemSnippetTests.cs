using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Midjourney.Sdk.Emulator;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Midjourney.Sdk.Tests.Readme;

/// <summary>
/// The README's "In the ecosystem" snippets, as written there (between the markers), run against the emulator: a keyed
/// client bound to configuration, OpenTelemetry tracing and metrics, and saving the results.
/// </summary>
public sealed class EcosystemSnippetTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("mjsdk-readme-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task Readme_EcosystemSnippet_Runs()
    {
        await using MidjourneyEmulator emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(1) });
        var exportedActivities = new List<Activity>();
        var exportedMetrics = new List<Metric>();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Midjourney:Fast:Provider"] = "GoApi",
            ["Midjourney:Fast:ApiKey"] = emulator.ApiKey,
            ["Midjourney:Fast:BaseUrl"] = emulator.BaseUrl.AbsoluteUri,
            ["Midjourney:Fast:Polling:Interval"] = "00:00:00.2",
            ["Midjourney:Fast:Polling:MaxInterval"] = "00:00:00.3",
        });
        string outputFolder = _output;

        // README: begin
        builder.Services.AddMidjourney("fast", builder.Configuration.GetSection("Midjourney:Fast"));
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Midjourney.Sdk").AddInMemoryExporter(exportedActivities))
            .WithMetrics(metrics => metrics.AddMeter("Midjourney.Sdk").AddInMemoryExporter(exportedMetrics));
        using IHost host = builder.Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredKeyedService<IMidjourneyClient>("fast");
        MidjourneyTask task = await client.ImagineAsync(new ImagineRequest("a lighthouse at dawn") { AspectRatio = "16:9" });
        task = await client.WaitForCompletionAsync(task.Id);
        IReadOnlyList<MidjourneyDownload> files = await client.DownloadAsync(task, outputFolder); // {task id}-1.png .. -4.png
        // README: end

        await host.StopAsync();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.Equal(MidjourneyTaskStatus.Succeeded, task.Status);
        Assert.Equal(5, files.Count); // GoAPI sends the grid too: {task id}.png
        Assert.All(files, f => Assert.True(File.Exists(f.Path)));
        Assert.Contains(exportedActivities, a => a.DisplayName == "generate_content imagine" && (string?)a.GetTagItem("midjourney.task.id") == task.Id);
        Assert.Contains(exportedMetrics, m => m.Name == "midjourney.tasks.submitted");
    }
}
