using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Midjourney.Sdk.Emulator.Images;

/// <summary>Writes 8-bit RGB PNG files: the smallest encoder that real image viewers and decoders accept.</summary>
internal static class PngEncoder
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="rgb"/> (rows top to bottom, three bytes per pixel, no padding) as a PNG file.</summary>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var stride = width * 3;
        if (rgb.Length != stride * height)
        {
            throw new ArgumentException("The pixel buffer does not match the size.", nameof(rgb));
        }

        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour RGB
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method 0
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR", header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(0); // filter type None: the patterns compress well without prediction
                zlib.Write(rgb.Slice(row * stride, stride));
            }
        }

        WriteChunk(png, "IDAT", pixels.GetBuffer().AsSpan(0, (int)pixels.Length));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);

        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        output.Write(typeBytes);
        output.Write(data);

        // The CRC covers the chunk type and data, not the length.
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc32.Append(Crc32.Compute(typeBytes), data));
        output.Write(buffer);
    }
}
