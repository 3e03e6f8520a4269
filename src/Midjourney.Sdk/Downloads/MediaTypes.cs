namespace Midjourney.Sdk.Downloads;

/// <summary>Image and video media types: told from a file's first bytes, from a name's extension, and as an extension.</summary>
internal static class MediaTypes
{
    /// <summary>Enough of a file's start to tell its type.</summary>
    public const int SniffLength = 12;

    /// <summary>The type the bytes say (PNG, JPEG, GIF, WebP, MP4/MOV), or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> start) => start switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        [_, _, _, _, 0x66, 0x74, 0x79, 0x70, ..] => "video/mp4",
        _ => null,
    };

    /// <summary>The type a file name's extension says, or null.</summary>
    public static string? FromExtension(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".mp4" => "video/mp4",
        _ => null,
    };

    /// <summary>The extension (without the dot) to save a file of <paramref name="mediaType"/> with.</summary>
    public static string Extension(string mediaType) => mediaType switch
    {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/webm" => "webm",
        "video/quicktime" => "mov",
        _ when mediaType.StartsWith("video/", StringComparison.Ordinal) => "video",
        _ => "img",
    };

    /// <summary>Whether a result file may have this type.</summary>
    public static bool IsMedia(string mediaType) =>
        mediaType.StartsWith("image/", StringComparison.Ordinal) || mediaType.StartsWith("video/", StringComparison.Ordinal);
}
