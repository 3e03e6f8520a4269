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

    /// <summary>The largest image <see cref="FromFile"/> and <see cref="FromStream"/> read (50 MiB; providers take far less).</summary>
    public const int MaxFileBytes = 50 * 1024 * 1024;

    /// <summary>
    /// An image read from a file, sent inline. Its media type comes from its first bytes (PNG, JPEG, GIF, WebP), else from the
    /// file's extension.
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="ArgumentException">The path is empty, the file is empty, larger than <see cref="MaxFileBytes"/>, or not a known image type.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static MidjourneyImage FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using FileStream file = File.OpenRead(path);
        return FromRead(ReadAll(file), given: null, fallback: TypeOf(path));
    }

    /// <summary>An image read from a file, as <see cref="FromFile"/>, without blocking a thread on the read.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">The path is empty, the file is empty, larger than <see cref="MaxFileBytes"/>, or not a known image type.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<MidjourneyImage> FromFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            return FromRead(await ReadAllAsync(file, cancellationToken).ConfigureAwait(false), given: null, fallback: TypeOf(path));
        }
    }

    /// <summary>
    /// An image read from <paramref name="stream"/> (to its end; the stream is left open), sent inline. Its media type is
    /// <paramref name="mediaType"/> when given, else what its first bytes say (PNG, JPEG, GIF, WebP).
    /// </summary>
    /// <param name="stream">The encoded image.</param>
    /// <param name="mediaType">Its media type, for example <c>image/png</c>; null to tell it from the bytes.</param>
    /// <exception cref="ArgumentException">The stream is empty, larger than <see cref="MaxFileBytes"/>, or not a known image type.</exception>
    public static MidjourneyImage FromStream(Stream stream, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FromRead(ReadAll(stream), mediaType, fallback: null);
    }

    /// <summary>An image read from <paramref name="stream"/>, as <see cref="FromStream"/>, without blocking a thread on the read.</summary>
    /// <param name="stream">The encoded image.</param>
    /// <param name="mediaType">Its media type, for example <c>image/png</c>; null to tell it from the bytes.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">The stream is empty, larger than <see cref="MaxFileBytes"/>, or not a known image type.</exception>
    public static async Task<MidjourneyImage> FromStreamAsync(Stream stream, string? mediaType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return FromRead(await ReadAllAsync(stream, cancellationToken).ConfigureAwait(false), mediaType, fallback: null);
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

    private static MemoryStream ReadAll(Stream stream)
    {
        var bytes = new MemoryStream();
        byte[] buffer = new byte[81_920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            Append(bytes, buffer, read);
        }

        return bytes;
    }

    private static async Task<MemoryStream> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        var bytes = new MemoryStream();
        byte[] buffer = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Append(bytes, buffer, read);
        }

        return bytes;
    }

    private static void Append(MemoryStream bytes, byte[] buffer, int read)
    {
        if (bytes.Length + read > MaxFileBytes)
        {
            throw new ArgumentException($"The image is larger than {MaxFileBytes} bytes.");
        }

        bytes.Write(buffer, 0, read);
    }

    /// <summary>The bytes read, typed by the caller's <paramref name="given"/> type, else by their first bytes, else by <paramref name="fallback"/>.</summary>
    private static MidjourneyImage FromRead(MemoryStream bytes, string? given, string? fallback)
    {
        ReadOnlyMemory<byte> data = bytes.GetBuffer().AsMemory(0, (int)bytes.Length);
        if (data.IsEmpty)
        {
            throw new ArgumentException("The image data is empty.");
        }

        string? sniffed = Downloads.MediaTypes.Sniff(data.Span) is { } type && type.StartsWith("image/", StringComparison.Ordinal) ? type : null;
        return FromBytes(data, given ?? sniffed ?? fallback
            ?? throw new ArgumentException("The image type could not be told from its first bytes (PNG, JPEG, GIF or WebP) or its name; give its media type."));
    }

    /// <summary>The type a file's extension says, for an image whose first bytes say nothing known.</summary>
    private static string? TypeOf(string path) => Downloads.MediaTypes.FromExtension(path) is { } type && type.StartsWith("image/", StringComparison.Ordinal) ? type : null;

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
