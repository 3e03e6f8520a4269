using System.Globalization;

namespace Midjourney.Sdk.Emulator.Images;

/// <summary>
/// The clips video tasks end with: four tiny real MP4 files (H.264 baseline, 96x96, 8 frames per second, 1 s, about
/// 4.5 KB each), embedded in the assembly and served as <c>video/mp4</c>. Clip N of every video task is the same file
/// <c>Images/Videos/clip-N.mp4</c>, made once with ffmpeg from its test pattern with the hue turned 90 degrees per clip:
/// <code>
/// ffmpeg -f lavfi -i "testsrc2=size=96x96:rate=8:duration=1" -vf "hue=h=(N-1)*90" -c:v libx264 -profile:v baseline
///   -preset veryslow -crf 35 -pix_fmt yuv420p -movflags +faststart -an -map_metadata -1 -fflags +bitexact -flags:v +bitexact clip-N.mp4
/// </code>
/// </summary>
internal static class VideoClips
{
    /// <summary>The most clips one video task makes (Midjourney's batch sizes are 1, 2 and 4).</summary>
    public const int Count = 4;

    private static readonly byte[][] Clips = [.. Enumerable.Range(1, Count).Select(Load)];

    /// <summary>Clip <paramref name="clip"/> (1..<see cref="Count"/>).</summary>
    public static byte[] Get(int clip)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clip, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clip, Count);
        return Clips[clip - 1];
    }

    private static byte[] Load(int clip)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"Midjourney.Sdk.Emulator.Videos.clip-{clip}.mp4");
        using var stream = typeof(VideoClips).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The emulator's assembly lacks its embedded clip {name}.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
