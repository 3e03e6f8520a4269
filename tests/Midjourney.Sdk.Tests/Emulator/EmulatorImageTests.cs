using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Emulator.Images;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>The PNG files the emulator draws and serves.</summary>
public sealed class EmulatorImageTests
{
    [Fact]
    public void Crc32_StandardCheckInput_GivesTheStandardCheckValue()
        => Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void EncodeRgb_SmallImage_DecodesToTheSamePixels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90];

        var png = TestPng.Decode(PngEncoder.EncodeRgb(rgb, 3, 2));

        Assert.Equal((3, 2), (png.Width, png.Height));
        Assert.Equal(rgb, png.Rgb);
    }

    [Fact]
    public async Task GridImage_FinishedImagine_IsA512PngWhoseSplitImagesAreItsFourVisiblyDifferentQuadrants()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.Zero });
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a mountain lake" });
        var result = GoApiEmulatorTests.Result(await client.FetchAsync(taskId));

        var grid = TestPng.Decode(await client.Http.GetByteArrayAsync(result.GetProperty("image_url").GetString()));
        var splits = new List<TestPng>();
        foreach (var url in GoApiEmulatorTests.Strings(result.GetProperty("image_urls")))
        {
            splits.Add(TestPng.Decode(await client.Http.GetByteArrayAsync(url)));
        }

        Assert.Equal((512, 512), (grid.Width, grid.Height));
        for (var q = 0; q < 4; q++)
        {
            var split = splits[q];
            Assert.Equal((256, 256), (split.Width, split.Height));
            int x0 = (q % 2) * 256, y0 = (q / 2) * 256;
            for (var y = 0; y < 256; y += 5)
            {
                for (var x = 0; x < 256; x += 5)
                {
                    Assert.Equal(grid.Pixel(x0 + x, y0 + y), split.Pixel(x, y));
                }
            }
        }

        var means = Enumerable.Range(0, 4).Select(q => grid.Mean((q % 2) * 256, (q / 2) * 256, 256)).ToList();
        for (var a = 0; a < 4; a++)
        {
            for (var b = a + 1; b < 4; b++)
            {
                var distance = Math.Abs(means[a].R - means[b].R) + Math.Abs(means[a].G - means[b].G) + Math.Abs(means[a].B - means[b].B);
                Assert.True(distance > 30, $"quadrants {a + 1} and {b + 1} look alike ({distance:F1})");
            }
        }
    }

    [Fact]
    public async Task UpscaleImage_OfQuadrantThree_LooksLikeThatQuadrantAtDoubleSize()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await GoApiEmulatorTests.StartAsync(clock);
        using var client = new GoApiTestClient(emulator);
        var gridId = await GoApiEmulatorTests.FinishedImagineAsync(client, clock, "a hot air balloon");
        var upscaleId = await client.SubmitAsync("upscale", new JsonObject { ["origin_task_id"] = gridId, ["index"] = "3" });
        clock.Advance(TimeSpan.FromSeconds(3));

        var split = TestPng.Decode(await client.Http.GetByteArrayAsync($"images/{gridId}/3.png"));
        var upscale = TestPng.Decode(await client.Http.GetByteArrayAsync($"images/{upscaleId}/image.png"));

        Assert.Equal((512, 512), (upscale.Width, upscale.Height));
        var splitMean = split.Mean(0, 0, 256);
        var upscaleMean = upscale.Mean(0, 0, 512);
        Assert.InRange(upscaleMean.R, splitMean.R - 2, splitMean.R + 2);
        Assert.InRange(upscaleMean.G, splitMean.G - 2, splitMean.G + 2);
        Assert.InRange(upscaleMean.B, splitMean.B - 2, splitMean.B + 2);
    }

    [Fact]
    public async Task GridImage_SamePromptInTwoEmulators_IsByteForByteTheSame()
    {
        var options = new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.Zero };
        await using var first = await MidjourneyEmulator.StartAsync(options);
        await using var second = await MidjourneyEmulator.StartAsync(options);
        using var firstClient = new GoApiTestClient(first);
        using var secondClient = new GoApiTestClient(second);

        var a = await DownloadGridAsync(firstClient, "a vintage bicycle");
        var b = await DownloadGridAsync(secondClient, "a vintage bicycle");
        var other = await DownloadGridAsync(secondClient, "a vintage bicycle at night");

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
    }

    [Theory]
    [InlineData("grid.png", HttpStatusCode.OK)]
    [InlineData("4.png", HttpStatusCode.OK)]
    [InlineData("5.png", HttpStatusCode.NotFound)]
    [InlineData("image.png", HttpStatusCode.NotFound)]
    public async Task Images_FilesOfAGridTask_ServeOnlyTheGridAndItsSplits(string file, HttpStatusCode expected)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.Zero });
        using var client = new GoApiTestClient(emulator);
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });

        using var response = await client.Http.GetAsync($"images/{taskId}/{file}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Images_UnknownTask_Returns404()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        using var response = await client.Http.GetAsync("images/no-such-task/grid.png");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<byte[]> DownloadGridAsync(GoApiTestClient client, string prompt)
    {
        var taskId = await client.SubmitAsync("imagine", new JsonObject { ["prompt"] = prompt });
        using var response = await client.Http.GetAsync($"images/{taskId}/grid.png");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
