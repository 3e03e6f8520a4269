using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>A strict PNG reader for 8-bit RGB files: checks the signature, every chunk CRC, and undoes all five filters.</summary>
internal sealed record TestPng(int Width, int Height, byte[] Rgb)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(byte[] file) => file.AsSpan().StartsWith(Signature);

    /// <summary>Width and height from IHDR, the first chunk.</summary>
    public static (int Width, int Height) ReadSize(byte[] file)
    {
        Assert.True(HasSignature(file), "not a PNG signature");
        Assert.Equal("IHDR", Encoding.ASCII.GetString(file, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20)));
    }

    public static TestPng Decode(byte[] file)
    {
        Assert.True(HasSignature(file), "not a PNG signature");
        var offset = Signature.Length;
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        var sawEnd = false;
        while (offset < file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            var type = Encoding.ASCII.GetString(file, offset + 4, 4);
            var data = file.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8 + length));
            Assert.Equal(ReferenceCrc(file.AsSpan(offset + 4, length + 4)), crc);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]); // bit depth
                    Assert.Equal(2, data[9]); // RGB
                    Assert.Equal(0, data[12]); // no interlace
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            offset += 12 + length;
        }

        Assert.True(sawEnd, "no IEND chunk");
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var scanlines = raw.ToArray();
        var stride = width * 3;
        Assert.Equal((stride + 1) * height, scanlines.Length);

        var rgb = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = scanlines[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = scanlines[(y * (stride + 1)) + 1 + x];
                int a = x >= 3 ? rgb[(y * stride) + x - 3] : 0;
                int b = y > 0 ? rgb[((y - 1) * stride) + x] : 0;
                int c = x >= 3 && y > 0 ? rgb[((y - 1) * stride) + x - 3] : 0;
                rgb[(y * stride) + x] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"bad filter {filter}"),
                });
            }
        }

        return new TestPng(width, height, rgb);
    }

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var i = ((y * Width) + x) * 3;
        return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
    }

    /// <summary>The mean colour of a square region.</summary>
    public (double R, double G, double B) Mean(int x0, int y0, int size)
    {
        double r = 0, g = 0, b = 0;
        for (var y = y0; y < y0 + size; y++)
        {
            for (var x = x0; x < x0 + size; x++)
            {
                var (pr, pg, pb) = Pixel(x, y);
                r += pr;
                g += pg;
                b += pb;
            }
        }

        var n = (double)size * size;
        return (r / n, g / n, b / n);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>A bitwise CRC-32, independent of the emulator's table-driven one.</summary>
    private static uint ReferenceCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var d in data)
        {
            crc ^= d;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
