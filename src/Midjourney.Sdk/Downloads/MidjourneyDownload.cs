namespace Midjourney.Sdk;

/// <summary>A result file the client downloaded (<see cref="IMidjourneyClient.DownloadAsync(MidjourneyTask, string, CancellationToken)"/>).</summary>
public sealed class MidjourneyDownload
{
    internal MidjourneyDownload(Uri url, string? path, string contentType, long length)
    {
        Url = url;
        Path = path;
        ContentType = contentType;
        Length = length;
    }

    /// <summary>Where the file was downloaded from.</summary>
    public Uri Url { get; }

    /// <summary>The full path of the saved file; null when it was copied to a stream.</summary>
    public string? Path { get; }

    /// <summary>Its media type, such as <c>image/png</c> or <c>video/mp4</c>.</summary>
    public string ContentType { get; }

    /// <summary>Its size in bytes.</summary>
    public long Length { get; }

    /// <summary>The path (or the URL), the media type and the size.</summary>
    public override string ToString() => $"{Path ?? Url.ToString()} ({ContentType}, {Length} bytes)";
}
