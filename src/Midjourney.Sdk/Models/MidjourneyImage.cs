using System.Globalization;

namespace Midjourney.Sdk;

/// <summary>
/// An input image: either a URL the provider downloads, or bytes sent inline.
/// Providers take one form or the other; the SDK tells you before sending when the form does not fit.
/// </summary>
public sealed class MidjourneyImage
{
    private MidjourneyImage(Uri? url, ReadOnlyMemory<byte> data, string? mediaType)
    {
        Url = url;
        Data = data;
        MediaType = mediaType;
    }

    /// <summary>The image's address, when it was given as a URL.</summary>
    public Uri? Url { get; }

    /// <summary>The image's bytes, when it was given inline; empty for a URL.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The media type of inline bytes (for example <c>image/png</c>); null for a URL.</summary>
    public string? MediaType { get; }

    /// <summary>Whether the image is a URL rather than inline bytes.</summary>
    public bool IsUrl => Url is not null;

    /// <summary>An image the provider downloads from <paramref name="url"/>.</summary>
    /// <param name="url">An absolute http or https URL.</param>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) URL.</exception>
    public static MidjourneyImage FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The image URL '{url}' must be an absolute http or https URL.", nameof(url));
        }

        return new MidjourneyImage(url, ReadOnlyMemory<byte>.Empty, null);
    }

    /// <summary>An image sent inline.</summary>
    /// <param name="data">The encoded image (PNG, JPEG, WebP, ...).</param>
    /// <param name="mediaType">Its media type, for example <c>image/png</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="data"/> is empty or <paramref name="mediaType"/> is not an <c>image/*</c> type.</exception>
    public static MidjourneyImage FromBytes(ReadOnlyMemory<byte> data, string mediaType)
    {
        if (data.IsEmpty)
        {
            throw new ArgumentException("The image data is empty.", nameof(data));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || mediaType.Length == "image/".Length)
        {
            throw new ArgumentException($"The media type '{mediaType}' is not an image type such as 'image/png'.", nameof(mediaType));
        }

        return new MidjourneyImage(null, data, mediaType.ToLowerInvariant());
    }

    /// <summary>An image from a base64 data URI such as <c>data:image/png;base64,iVBORw0...</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="dataUri"/> is not a base64 <c>data:image/...</c> URI.</exception>
    public static MidjourneyImage FromDataUri(string dataUri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataUri);
        const string prefix = "data:";
        int comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        if (!dataUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || comma < 0)
        {
            throw new ArgumentException("The value is not a data URI (expected 'data:image/png;base64,...').", nameof(dataUri));
        }

        string header = dataUri[prefix.Length..comma];
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Only base64 data URIs are supported (expected ';base64,').", nameof(dataUri));
        }

        string mediaType = header[..^";base64".Length];
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(dataUri[(comma + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The data URI's payload is not valid base64.", nameof(dataUri), ex);
        }

        return FromBytes(bytes, mediaType);
    }

    /// <summary>The inline bytes as base64, without a data URI header.</summary>
    /// <exception cref="InvalidOperationException">The image is a URL.</exception>
    public string ToBase64() => IsUrl
        ? throw new InvalidOperationException("The image is a URL, not inline data.")
        : Convert.ToBase64String(Data.Span);

    /// <summary>The inline bytes as a data URI (<c>data:image/png;base64,...</c>).</summary>
    /// <exception cref="InvalidOperationException">The image is a URL.</exception>
    public string ToDataUri() => string.Create(CultureInfo.InvariantCulture, $"data:{MediaType};base64,{ToBase64()}");

    /// <summary>The URL, or the media type and size of inline data (never the bytes themselves).</summary>
    public override string ToString() => IsUrl
        ? Url!.ToString()
        : string.Create(CultureInfo.InvariantCulture, $"{MediaType} ({Data.Length} bytes)");
}
