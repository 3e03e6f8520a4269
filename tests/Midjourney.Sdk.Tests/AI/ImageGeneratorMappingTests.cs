using System.Drawing;
using System.Net;
using Microsoft.Extensions.AI;
using Midjourney.Sdk.AI;
using Midjourney.Sdk.Tests.TestSupport;

#pragma warning disable MEAI001 // IImageGenerator is experimental in Microsoft.Extensions.AI; these tests use it on purpose.

namespace Midjourney.Sdk.Tests.AI;

/// <summary>The pure parts of the image generator: sizes as aspect ratios, result media types, and downloads of result images.</summary>
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

    [Fact]
    public async Task Download_ImageAnswer_GivesItsBytesAndMediaType()
    {
        var handler = new RecordingHandler().Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = Image([1, 2, 3], "image/webp") });
        var downloader = new ImageDownloader(new HttpClient(handler));

        DataContent data = await downloader.DownloadAsync(new Uri("https://cdn.example/i.webp"), CancellationToken.None);

        Assert.Equal([1, 2, 3], data.Data.ToArray());
        Assert.Equal("image/webp", data.MediaType);
        Assert.Equal(HttpMethod.Get, handler.Single.Method);
        Assert.Null(handler.Single.Header("Authorization"));
    }

    [Fact]
    public async Task Download_NotAnImage_ThrowsProtocolException()
    {
        var handler = new RecordingHandler().RespondText("<html>login</html>", "text/html", HttpStatusCode.OK);
        var downloader = new ImageDownloader(new HttpClient(handler));

        var ex = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => downloader.DownloadAsync(new Uri("https://cdn.example/i.png"), CancellationToken.None));

        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_ErrorStatus_ThrowsServiceExceptionWithTheStatus()
    {
        var handler = new RecordingHandler().RespondText("gone", "text/plain", HttpStatusCode.NotFound);
        var downloader = new ImageDownloader(new HttpClient(handler));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => downloader.DownloadAsync(new Uri("https://cdn.example/i.png"), CancellationToken.None));

        Assert.Equal(404, ex.StatusCode);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task Download_DeclaredOverTheLimit_ThrowsProtocolException()
    {
        var handler = new RecordingHandler().Respond(_ =>
        {
            HttpContent content = Image([1], "image/png");
            content.Headers.ContentLength = ImageDownloader.MaxBytes + 1;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var downloader = new ImageDownloader(new HttpClient(handler));

        await Assert.ThrowsAsync<MidjourneyProtocolException>(() => downloader.DownloadAsync(new Uri("https://cdn.example/i.png"), CancellationToken.None));
    }

    [Fact]
    public async Task Download_StreamedOverTheLimit_ThrowsProtocolException()
    {
        var handler = new RecordingHandler().Respond(_ =>
        {
            var content = new StreamContent(new EndlessStream());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var downloader = new ImageDownloader(new HttpClient(handler));

        await Assert.ThrowsAsync<MidjourneyProtocolException>(() => downloader.DownloadAsync(new Uri("https://cdn.example/i.png"), CancellationToken.None));
    }

    [Fact]
    public async Task Download_NetworkError_ThrowsTransientServiceException()
    {
        var handler = new RecordingHandler().Throw(new HttpRequestException("connection refused"));
        var downloader = new ImageDownloader(new HttpClient(handler));

        var ex = await Assert.ThrowsAsync<MidjourneyServiceException>(() => downloader.DownloadAsync(new Uri("https://cdn.example/i.png"), CancellationToken.None));

        Assert.True(ex.IsTransient);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    private static ByteArrayContent Image(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>A body with no end and no declared length.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => count;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
