using System.Buffers.Binary;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>Reads a PNG's size from its IHDR chunk, which the format puts first.</summary>
internal static class PngHeader
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The width and height, or null when <paramref name="data"/> is not a PNG.</summary>
    public static (int Width, int Height)? TryReadSize(ReadOnlySpan<byte> data)
    {
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
        if (data.Length < 24 || !data[..8].SequenceEqual(Signature) || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        int width = BinaryPrimitives.ReadInt32BigEndian(data[16..]);
        int height = BinaryPrimitives.ReadInt32BigEndian(data[20..]);
        return width > 0 && height > 0 ? (width, height) : null;
    }
}
