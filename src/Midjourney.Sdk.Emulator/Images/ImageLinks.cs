using System.Globalization;
using Microsoft.AspNetCore.Http;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Images;

/// <summary>The public URLs of a task's pictures, served by <see cref="ImageEndpoints"/>.</summary>
internal static class ImageLinks
{
    public const string GridFile = "grid.png";
    public const string ImageFile = "image.png";

    /// <summary>The base URL as the client reached us, so links work through whatever host name it used.</summary>
    public static Uri BaseUrlOf(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");

    public static string Grid(Uri baseUrl, string taskId) => File(baseUrl, taskId, GridFile);

    /// <summary>The split image <paramref name="index"/> (1..4) of a grid.</summary>
    public static string Split(Uri baseUrl, string taskId, int index) => File(baseUrl, taskId, $"{index}.png");

    public static string Image(Uri baseUrl, string taskId) => File(baseUrl, taskId, ImageFile);

    /// <summary>Clip <paramref name="index"/> (1..4) of a video task.</summary>
    public static string Video(Uri baseUrl, string taskId, int index) => File(baseUrl, taskId, VideoFile(index));

    /// <summary>The thumbnail of clip <paramref name="index"/> (1..4) of a video task.</summary>
    public static string VideoThumbnail(Uri baseUrl, string taskId, int index) => File(baseUrl, taskId, VideoThumbnailFile(index));

    /// <summary>The clips of a video task.</summary>
    public static IReadOnlyList<string> Videos(Uri baseUrl, EmulatedTask task)
        => [.. Enumerable.Range(1, task.VideoCount).Select(i => Video(baseUrl, task.Id, i))];

    public static string VideoFile(int index) => string.Create(CultureInfo.InvariantCulture, $"video-{index}.mp4");

    public static string VideoThumbnailFile(int index) => string.Create(CultureInfo.InvariantCulture, $"video-{index}.png");

    private static string File(Uri baseUrl, string taskId, string file)
        => new Uri(baseUrl, $"images/{Uri.EscapeDataString(taskId)}/{file}").AbsoluteUri;
}
