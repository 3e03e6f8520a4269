using System.Net;
using System.Net.Http.Headers;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Downloads;

/// <summary>
/// What a download checks and how it fails, on an in-memory answer: no key sent, the media type (header or first bytes),
/// the size (declared and as read), typed errors naming the URL, the retry rules of reads, nothing half-written left, and
/// a task id from the provider that cannot name another folder.
/// </summary>
public sealed class DownloadWireTests : IDisposable
{
    private const string ApiKey = "the-api-key-0123456789";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3, 4];
    private static readonly Uri FileUrl = new("https://cdn.example/files/a.png");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mjsdk-downloads-" + Guid.NewGuid().ToString("N"));
    private readonly RecordingHandler _handler = new();
    private readonly FakeTimeProvider _time = new() { AutoAdvance = true };

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private MidjourneyClient Client(Action<MidjourneyClientOptions>? configure = null)
    {
        var options = new MidjourneyClientOptions { Provider = MidjourneyProvider.GoApi, ApiKey = ApiKey, Retry = { MaxRetries = 2 } };
        configure?.Invoke(options);
        return new MidjourneyClient(new HttpClient(_handler), options, _time);
    }

    private static MidjourneyTask Finished(string id, params Uri[] images) => new()
    {
        Id = id,
        Provider = MidjourneyProvider.GoApi,
        Status = MidjourneyTaskStatus.Succeeded,
        ImageUrls = images,
    };

    private static HttpResponseMessage File(byte[] bytes, string? mediaType, HttpStatusCode status = HttpStatusCode.OK, bool declareLength = true)
    {
        HttpContent content = declareLength ? new ByteArrayContent(bytes) : new StreamContent(new UnsizedStream(bytes));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        return new HttpResponseMessage(status) { Content = content };
    }

    [Fact]
    public async Task ADownload_SendsNoKey_AndAGenericTypeIsToldFromTheFirstBytes()
    {
        _handler.Respond(_ => File(Png, "application/octet-stream"));
        using MidjourneyClient client = Client();

        MidjourneyDownload saved = Assert.Single(await client.DownloadAsync(Finished("t1", FileUrl), _folder));

        RecordedRequest request = _handler.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(FileUrl, request.Uri);
        Assert.DoesNotContain(request.Headers, h => h.Value.Contains(ApiKey, StringComparison.Ordinal) || h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("image/png", saved.ContentType);
        Assert.Equal(Path.Combine(Path.GetFullPath(_folder), "t1-1.png"), saved.Path);
        Assert.Equal(Png, await System.IO.File.ReadAllBytesAsync(saved.Path!));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public async Task AnAnswerThatIsNotAnImage_IsRefused_AndLeavesNoFile(string mediaType)
    {
        _handler.Respond(_ => File("<html>login</html>"u8.ToArray(), mediaType));
        using MidjourneyClient client = Client();

        MidjourneyProtocolException error = await Assert.ThrowsAsync<MidjourneyProtocolException>(() => client.DownloadAsync(Finished("t1", FileUrl), _folder));

        Assert.Contains(FileUrl.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Contains(mediaType, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFileLargerThanTheLimit_IsRefused_DeclaredOrAsItArrives(bool declareLength)
    {
        byte[] big = [.. Png, .. new byte[5000]];
        _handler.Respond(_ => File(big, "image/png", declareLength: declareLength));
        using MidjourneyClient client = Client(o => o.MaxDownloadBytes = 4096);

        MidjourneyException error = await Assert.ThrowsAsync<MidjourneyException>(() => client.DownloadAsync(Finished("t1", FileUrl), _folder));

        Assert.Contains("MaxDownloadBytes (4096 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests); // not retried
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task AFileThatIsGone_IsNotFound_NamingTheUrl()
    {
        _handler.Respond(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        using MidjourneyClient client = Client();

        MidjourneyNotFoundException error = await Assert.ThrowsAsync<MidjourneyNotFoundException>(() => client.DownloadAsync(Finished("t1", FileUrl), _folder));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains(FileUrl.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ATransientFailure_IsRetried_ByTheRulesOfReads()
    {
        _handler.Respond(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable))
            .Throw(new HttpRequestException("connection reset"))
            .Respond(_ => File(Png, "image/png"));
        using MidjourneyClient client = Client();

        MidjourneyDownload saved = Assert.Single(await client.DownloadAsync(Finished("t1", FileUrl), _folder));

        Assert.Equal(3, _handler.Requests.Count);
        Assert.Equal(Png, await System.IO.File.ReadAllBytesAsync(saved.Path!));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task ABrokenCopyToAStreamThatCannotSeekBack_IsNotRetried()
    {
        _handler.Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(Png)) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } } });
        using MidjourneyClient client = Client();
        using var destination = new ForwardOnlyStream();

        MidjourneyServiceException error = await Assert.ThrowsAsync<MidjourneyServiceException>(() => client.DownloadAsync(FileUrl, destination));

        Assert.Contains("broke off", error.Message, StringComparison.Ordinal);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task ATaskIdFromTheProvider_CannotNameAnotherFolder()
    {
        _handler.Respond(_ => File(Png, "image/png"));
        using MidjourneyClient client = Client();

        MidjourneyDownload saved = Assert.Single(await client.DownloadAsync(Finished("../../etc/passwd", FileUrl), _folder));

        Assert.Equal(Path.GetFullPath(_folder), Path.GetDirectoryName(saved.Path));
        Assert.Equal("_.._etc_passwd-1.png", Path.GetFileName(saved.Path));
    }

    [Fact]
    public async Task BadArguments_AreRefusedBeforeAnyRequest()
    {
        using MidjourneyClient client = Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadAsync(Finished("t1", new Uri("ftp://cdn.example/a.png")), _folder));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadAsync(Finished("t1", FileUrl), " "));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.DownloadAsync(null!, _folder));
        await Assert.ThrowsAsync<ArgumentException>(() => client.DownloadAsync(FileUrl, new MemoryStream([], writable: false)));
        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData(1023L)]
    [InlineData(5L * 1024 * 1024 * 1024)]
    public void MaxDownloadBytes_OutsideItsRange_FailsValidation(long value)
    {
        var options = new MidjourneyClientOptions { ApiKey = ApiKey, MaxDownloadBytes = value };

        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new MidjourneyClient(new HttpClient(_handler), options));

        Assert.Contains("MaxDownloadBytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A body without a length (sent chunked).</summary>
    private sealed class UnsizedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    /// <summary>Gives the first bytes, then fails as a connection that breaks off.</summary>
    private sealed class BreakingStream(byte[] first) : Stream
    {
        private bool _given;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_given)
            {
                throw new IOException("The connection was reset.");
            }

            _given = true;
            first.CopyTo(buffer, offset);
            return first.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A destination that cannot seek back.</summary>
    private sealed class ForwardOnlyStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
