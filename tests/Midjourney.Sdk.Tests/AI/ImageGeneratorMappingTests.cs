using System.Drawing;
using Microsoft.Extensions.AI;
using Midjourney.Sdk.AI;

#pragma warning disable MEAI001 // IImageGenerator is experimental in Microsoft.Extensions.AI; these tests use it on purpose.

namespace Midjourney.Sdk.Tests.AI;

/// <summary>The pure parts of the image generator: its diagnostic, sizes as aspect ratios, result media types.</summary>
public sealed class ImageGeneratorMappingTests
{
    private static readonly IReadOnlyList<string> FixedRatios = ["1:1", "1:2", "2:1", "2:3", "3:2", "3:4", "4:3", "5:6", "6:5", "9:16", "16:9"];

    [Fact]
    public void AsIImageGenerator_CarriesMicrosoftExtensionsAIsExperimentalDiagnostic()
    {
        var attribute = typeof(MidjourneyClientExtensions).GetMethod(nameof(MidjourneyClientExtensions.AsIImageGenerator))!
            .GetCustomAttributes(typeof(System.Diagnostics.CodeAnalysis.ExperimentalAttribute), inherit: false)
            .Cast<System.Diagnostics.CodeAnalysis.ExperimentalAttribute>()
            .Single();
        var theirs = typeof(IImageGenerator).GetCustomAttributes(typeof(System.Diagnostics.CodeAnalysis.ExperimentalAttribute), inherit: false)
            .Cast<System.Diagnostics.CodeAnalysis.ExperimentalAttribute>()
            .Single();

        Assert.Equal(theirs.DiagnosticId, attribute.DiagnosticId);
        Assert.Equal(theirs.UrlFormat, attribute.UrlFormat);
    }

    [Theory]
    [InlineData(1792, 1024, "7:4")]
    [InlineData(1024, 1792, "4:7")]
    [InlineData(1024, 1024, "1:1")]
    [InlineData(1920, 1080, "16:9")]
    [InlineData(1000, 333, "1000:333")]
    public void AspectRatio_AnyRatioProvider_ReducesByTheGreatestCommonDivisor(int width, int height, string expected) =>
        Assert.Equal(expected, MidjourneyImageGenerator.AspectRatio(new Size(width, height), allowed: null));

    [Theory]
    [InlineData(1792, 1024, "16:9")]
    [InlineData(1024, 1792, "9:16")]
    [InlineData(1536, 1024, "3:2")]
    [InlineData(512, 512, "1:1")]
    [InlineData(3000, 1000, "2:1")]
    [InlineData(1100, 1000, "6:5")]
    public void AspectRatio_FixedRatioProvider_TakesTheClosest(int width, int height, string expected) =>
        Assert.Equal(expected, MidjourneyImageGenerator.AspectRatio(new Size(width, height), FixedRatios));

    [Theory]
    [InlineData(0, 1024)]
    [InlineData(1024, -1)]
    public void AspectRatio_NotPositive_Throws(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MidjourneyImageGenerator.AspectRatio(new Size(width, height), null));

    [Theory]
    [InlineData("https://cdn.example/a/0_1.png", "image/png")]
    [InlineData("https://cdn.example/a/0_1.JPG?x=1", "image/jpeg")]
    [InlineData("https://cdn.example/a/0_1.webp", "image/webp")]
    [InlineData("https://cdn.example/a/grid", "image/png")]
    public void MediaTypeOf_ReadsTheExtensionElsePng(string url, string expected) =>
        Assert.Equal(expected, MidjourneyImageGenerator.MediaTypeOf(new Uri(url)));
}
