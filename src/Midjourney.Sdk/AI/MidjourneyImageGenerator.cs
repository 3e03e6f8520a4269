using System.Drawing;
using System.Globalization;
using Microsoft.Extensions.AI;

// IImageGenerator and its types are experimental in Microsoft.Extensions.AI; AsIImageGenerator carries the same diagnostic
// to callers, so it is suppressed here only.
#pragma warning disable MEAI001

namespace Midjourney.Sdk.AI;

/// <summary>
/// The <see cref="IImageGenerator"/> over an <see cref="IMidjourneyClient"/> (see
/// <see cref="MidjourneyClientExtensions.AsIImageGenerator"/> for what maps): an imagine, a wait, the grid's images.
/// </summary>
internal sealed class MidjourneyImageGenerator : IImageGenerator
{
    /// <summary>The diagnostic Microsoft.Extensions.AI marks its image generation types with.</summary>
    public const string DiagnosticId = "MEAI001";

    /// <summary>Where the diagnostic is explained, as Microsoft.Extensions.AI links it.</summary>
    public const string DiagnosticUrlFormat = "https://aka.ms/dotnet-extensions-warnings/{0}";

    /// <summary>The images of one grid.</summary>
    public const int GridSize = 4;

    private readonly IMidjourneyClient _client;
    private readonly IReadOnlyList<string>? _aspectRatios;

    public MidjourneyImageGenerator(IMidjourneyClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        var concrete = client as MidjourneyClient;
        _aspectRatios = concrete?.AspectRatios;
        Metadata = new ImageGeneratorMetadata(ProviderName(client.Provider), concrete?.BaseUrl, defaultModelId: null);
    }

    public ImageGeneratorMetadata Metadata { get; }

    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ImagineRequest imagine = ToImagineRequest(request, options);
        cancellationToken.ThrowIfCancellationRequested(); // a submit is billable: none once canceled

        MidjourneyTask submitted = await _client.ImagineAsync(imagine, cancellationToken).ConfigureAwait(false);
        MidjourneyTask done = await _client.WaitForCompletionAsync(submitted.Id, progress: null, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<Uri> urls = done.ImageUrls.Count > 0 ? done.ImageUrls
            : done.ImageUrl is { } grid ? [grid]
            : throw new MidjourneyProtocolException($"Task {done.Id} succeeded without an image URL.") { Provider = done.Provider };
        int count = Math.Min(options?.Count ?? GridSize, urls.Count);

        var contents = new List<AIContent>(count);
        for (int i = 0; i < count; i++)
        {
            contents.Add(options?.ResponseFormat == ImageGenerationResponseFormat.Data
                ? await DownloadAsync(urls[i], cancellationToken).ConfigureAwait(false)
                : new UriContent(urls[i], MediaTypeOf(urls[i])));
        }

        return new ImageGenerationResponse(contents) { RawRepresentation = done };
    }

    /// <summary>One result image as bytes, through the client's own download (no key sent, retried as reads are, size-capped).</summary>
    private async Task<DataContent> DownloadAsync(Uri url, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        MidjourneyDownload download = await _client.DownloadAsync(url, buffer, cancellationToken).ConfigureAwait(false);
        if (!download.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            throw new MidjourneyProtocolException($"The result {url} came as '{download.ContentType}', not an image.") { Provider = _client.Provider };
        }

        return new DataContent(buffer.ToArray(), download.ContentType);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ImageGeneratorMetadata) ? Metadata
            : serviceType.IsInstanceOfType(_client) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the client belongs to the caller.</summary>
    public void Dispose()
    {
    }

    /// <summary>The imagine a request and its options ask for (validated by the client when it is submitted).</summary>
    internal ImagineRequest ToImagineRequest(ImageGenerationRequest request, ImageGenerationOptions? options)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new ArgumentException("The request has no prompt; Midjourney generates from a prompt.", nameof(request));
        }

        if (options?.Count is int count && count is < 1 or > GridSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), count, "Count must be 1..4: Midjourney makes a grid of four images and the response has the first Count of them.");
        }

        ImagineRequest imagine = options?.RawRepresentationFactory?.Invoke(this) is ImagineRequest raw
            ? raw with { Prompt = request.Prompt }
            : new ImagineRequest(request.Prompt);

        if (imagine.AspectRatio is null && options?.ImageSize is { } size)
        {
            imagine = imagine with { AspectRatio = AspectRatio(size, _aspectRatios) };
        }

        if (imagine.Version is null && !string.IsNullOrWhiteSpace(options?.ModelId))
        {
            imagine = imagine with { Version = options.ModelId.Trim() };
        }

        if (imagine.ReferenceImages.Count == 0 && request.OriginalImages is { } originals)
        {
            MidjourneyImage[] references = [.. originals.Select(ToImage)];
            if (references.Length > 0)
            {
                if (!_client.Capabilities.SupportsReferenceImages)
                {
                    throw new MidjourneyNotSupportedException(
                        $"{_client.Provider} does not take reference images on imagine, so OriginalImages cannot be used.") { Provider = _client.Provider };
                }

                imagine = imagine with { ReferenceImages = references };
            }
        }

        return imagine;
    }

    /// <summary>
    /// Width and height as <c>W:H</c> reduced by their greatest common divisor; with a fixed list of ratios, the one closest to it
    /// (by the logarithm of the ratio, so 2:1 and 1:2 are equally far from 1:1).
    /// </summary>
    internal static string AspectRatio(Size size, IReadOnlyList<string>? allowed)
    {
        if (size.Width <= 0 || size.Height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "ImageSize must have a positive width and height.");
        }

        int divisor = Gcd(size.Width, size.Height);
        string exact = string.Create(CultureInfo.InvariantCulture, $"{size.Width / divisor}:{size.Height / divisor}");
        if (allowed is null || allowed.Count == 0 || allowed.Contains(exact, StringComparer.Ordinal))
        {
            return exact;
        }

        double wanted = Math.Log((double)size.Width / size.Height);
        return allowed.MinBy(ratio =>
        {
            string[] parts = ratio.Split(':');
            return Math.Abs(Math.Log(double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture)) - wanted);
        })!;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static MidjourneyImage ToImage(AIContent content) => content switch
    {
        UriContent uri => MidjourneyImage.FromUrl(uri.Uri),
        DataContent data => MidjourneyImage.FromBytes(data.Data, data.MediaType),
        null => throw new ArgumentException("OriginalImages contains null.", "request"),
        _ => throw new ArgumentException(
            $"OriginalImages takes UriContent and DataContent images; {content.GetType().Name} is neither.", "request"),
    };

    /// <summary>The image type the URL's file name says, else PNG (what Midjourney makes).</summary>
    internal static string MediaTypeOf(Uri url) => Path.GetExtension(url.AbsolutePath).ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" => "image/jpeg",
        ".WEBP" => "image/webp",
        ".GIF" => "image/gif",
        _ => "image/png",
    };

    /// <summary>The name <see cref="ImageGeneratorMetadata.ProviderName"/> gives each relay: the one telemetry uses for <c>gen_ai.provider.name</c>.</summary>
    private static string ProviderName(MidjourneyProvider provider) => Telemetry.ClientTelemetry.ProviderNameOf(provider);
}
