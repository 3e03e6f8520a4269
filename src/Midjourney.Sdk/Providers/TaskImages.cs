namespace Midjourney.Sdk.Providers;

/// <summary>
/// One reading of a task's images for every provider: <see cref="MidjourneyTask.ImageUrl"/> is the image that shows the whole result
/// (a grid, or an upscale's single image), <see cref="MidjourneyTask.ImageUrls"/> the separate images.
/// </summary>
internal static class TaskImages
{
    /// <summary>
    /// For providers that send a composite (GoAPI, MJ-Proxy): the grid or upscaled image and the split images as given; an upscale
    /// that lists no separate image lists its one image, so <see cref="MidjourneyTask.ImageUrls"/> holds it on every provider.
    /// </summary>
    public static (Uri? ImageUrl, IReadOnlyList<Uri> ImageUrls) FromComposite(MidjourneyAction action, Uri? composite, IReadOnlyList<Uri> separate) =>
        action == MidjourneyAction.Upscale && separate.Count == 0 && composite is not null
            ? (composite, [composite])
            : (composite, separate);

    /// <summary>
    /// For providers that send only a list of result images (APIXO, midapi): one image is a single-image result and is also the
    /// <see cref="MidjourneyTask.ImageUrl"/>; several are a grid's separate images, and without the grid itself there is no ImageUrl
    /// (taking the first would make ImageUrl one quarter of the result here and the whole grid elsewhere).
    /// </summary>
    public static (Uri? ImageUrl, IReadOnlyList<Uri> ImageUrls) FromResultList(IReadOnlyList<Uri> urls) =>
        urls.Count == 1 ? (urls[0], urls) : (null, urls);
}
