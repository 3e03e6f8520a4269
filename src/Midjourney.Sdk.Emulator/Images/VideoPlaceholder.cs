using System.Buffers.Binary;
using System.Text;

namespace Midjourney.Sdk.Emulator.Images;

/// <summary>
/// The emulator's video clips: small ISO base media files (an <c>ftyp</c> box naming MP4 brands, then a <c>free</c> box
/// whose bytes come from the seed), served as <c>video/mp4</c>. They identify as MP4 and differ per clip, but carry no
/// movie (no <c>moov</c>), so players do not play them; they stand for a real clip's URL, download and content type.
/// </summary>
internal static class VideoPlaceholder
{
    private const int PayloadLength = 64;

    public static byte[] Render(ulong seed, int clip)
    {
        var file = new byte[24 + 8 + PayloadLength];
        var span = file.AsSpan();

        // ftyp: size, type, major brand, minor version, compatible brands.
        BinaryPrimitives.WriteInt32BigEndian(span, 24);
        Encoding.ASCII.GetBytes("ftypisom", span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], 0x200);
        Encoding.ASCII.GetBytes("isommp41", span[16..]);

        // free: padding any reader skips, here the clip's fingerprint.
        BinaryPrimitives.WriteInt32BigEndian(span[24..], 8 + PayloadLength);
        Encoding.ASCII.GetBytes("free", span[28..]);
        var state = seed + (ulong)clip;
        for (var i = 0; i < PayloadLength; i += 8)
        {
            state = Tasks.StableHash.Mix(state + 1);
            BinaryPrimitives.WriteUInt64BigEndian(span[(32 + i)..], state);
        }

        return file;
    }
}
