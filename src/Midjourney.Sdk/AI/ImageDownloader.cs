using System.Net;
using Microsoft.Extensions.AI;

namespace Midjourney.Sdk.AI;

/// <summary>
/// Downloads result images for <see cref="ImageGenerationResponseFormat.Data"/>. It sends through an <see cref="HttpClient"/> of its
/// own, not the provider client's: result URLs point at a CDN, which must get none of the provider's headers.
/// </summary>
internal sealed class ImageDownloader(HttpClient http)
{
    /// <summary>The largest image it reads.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    private static readonly Lazy<ImageDownloader> LazyShared = new(() => new ImageDownloader(new HttpClient(
        new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AutomaticDecompression = DecompressionMethods.All })
    {
        Timeout = TimeSpan.FromMinutes(2),
    }));

    /// <summary>One for the process, so connections are pooled and DNS changes are seen.</summary>
    public static ImageDownloader Shared => LazyShared.Value;

    /// <summary>The image at <paramref name="url"/>, with the media type the server sent.</summary>
    /// <exception cref="MidjourneyServiceException">The download failed (an error status, a network error).</exception>
    /// <exception cref="MidjourneyProtocolException">The answer is not an <c>image/*</c> or is over <see cref="MaxBytes"/>.</exception>
    public async Task<DataContent> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                int status = (int)response.StatusCode;
                throw new MidjourneyServiceException($"Downloading the image {url} failed with HTTP {status}.")
                {
                    StatusCode = status,
                    IsTransient = status is 408 or 429 or >= 500,
                };
            }

            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is null || !mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || mediaType.Length == "image/".Length)
            {
                throw new MidjourneyProtocolException($"The image {url} came as '{mediaType ?? "no media type"}', not an image/* type.");
            }

            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw TooLarge(url);
            }

            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                byte[] chunk = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxBytes)
                    {
                        throw TooLarge(url);
                    }

                    buffer.Write(chunk, 0, read);
                }

                return new DataContent(buffer.ToArray(), mediaType.ToLowerInvariant());
            }
        }
        catch (HttpRequestException ex)
        {
            throw new MidjourneyServiceException($"Downloading the image {url} failed: {ex.Message}", ex) { IsTransient = true };
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MidjourneyServiceException($"Downloading the image {url} timed out.", ex) { IsTransient = true };
        }
    }

    private static MidjourneyProtocolException TooLarge(Uri url) =>
        new($"The image {url} is larger than {MaxBytes / (1024 * 1024)} MiB.");
}
