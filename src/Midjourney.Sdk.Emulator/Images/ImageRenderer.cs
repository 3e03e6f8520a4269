using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Images;

/// <summary>
/// Draws the emulator's pictures. A grid is four quadrants, each a different colour family and pattern picked from
/// the seed; a quadrant is a continuous function of (u, v) in [0, 1), so a split image is exactly that quadrant's
/// pixels and an upscale is the same picture sampled more finely. Only +, -, *, / and sqrt are used per pixel, which
/// IEEE 754 rounds the same way everywhere, so the same seed gives the same bytes on every machine.
/// </summary>
internal static class ImageRenderer
{
    public const int GridSize = 512;
    public const int QuadrantSize = GridSize / 2;

    /// <summary>
    /// The 2x2 grid, its longer side <see cref="GridSize"/> px in the task's <paramref name="aspect"/>: quadrants 0..3 are
    /// top-left, top-right, bottom-left, bottom-right (U1..U4).
    /// </summary>
    public static byte[] RenderGrid(ulong seed, ImageAspect aspect)
    {
        var (width, height) = aspect.Size(QuadrantSize);
        int gridWidth = width * 2, gridHeight = height * 2;
        var rgb = new byte[gridWidth * gridHeight * 3];
        for (var quadrant = 0; quadrant < 4; quadrant++)
        {
            var style = QuadrantStyle.From(seed, quadrant);
            Paint(rgb, gridWidth, (quadrant % 2) * width, (quadrant / 2) * height, width, height, style);
        }

        return PngEncoder.EncodeRgb(rgb, gridWidth, gridHeight);
    }

    /// <summary>
    /// One quadrant as its own image, its longer side <paramref name="size"/> px: at 256 px it is the grid's split image,
    /// larger it is an upscale.
    /// </summary>
    public static byte[] RenderQuadrant(ulong seed, int quadrant, int size, ImageAspect aspect)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quadrant);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quadrant, 3);
        var (width, height) = aspect.Size(size);
        var rgb = new byte[width * height * 3];
        Paint(rgb, width, 0, 0, width, height, QuadrantStyle.From(seed, quadrant));
        return PngEncoder.EncodeRgb(rgb, width, height);
    }

    private static void Paint(byte[] rgb, int imageWidth, int x0, int y0, int width, int height, QuadrantStyle style)
    {
        for (var y = 0; y < height; y++)
        {
            var v = (y + 0.5) / height;
            var offset = (((y0 + y) * imageWidth) + x0) * 3;
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = style.Pixel((x + 0.5) / width, v);
                rgb[offset++] = ToByte(r);
                rgb[offset++] = ToByte(g);
                rgb[offset++] = ToByte(b);
            }
        }
    }

    private static byte ToByte(double channel) => (byte)Math.Clamp((int)((channel * 255) + 0.5), 0, 255);

    /// <summary>Everything that makes one quadrant look like itself.</summary>
    private readonly record struct QuadrantStyle(
        Rgb Light,
        Rgb Dark,
        Rgb Accent,
        int Pattern,
        int Gradient,
        double CenterX,
        double CenterY,
        double Frequency)
    {
        public static QuadrantStyle From(ulong seed, int quadrant)
        {
            var bits = StableHash.Mix(seed + (ulong)quadrant + 1);

            // A quarter turn of hue and a different pattern per quadrant keep the four images visibly apart.
            var hue = ((seed % 360) + (ulong)(quadrant * 90) + (bits % 20)) % 360;
            return new QuadrantStyle(
                Light: Rgb.FromHsv(hue, 0.55, 0.95),
                Dark: Rgb.FromHsv((hue + 35) % 360, 0.80, 0.40),
                Accent: Rgb.FromHsv((hue + 180) % 360, 0.50, 0.92),
                Pattern: (int)(((seed >> 8) + (ulong)quadrant) % 4),
                Gradient: (int)((bits >> 8) % 4),
                CenterX: 0.25 + (((bits >> 16) % 100) / 200.0),
                CenterY: 0.25 + (((bits >> 24) % 100) / 200.0),
                Frequency: 4 + ((bits >> 32) % 6));
        }

        public (double R, double G, double B) Pixel(double u, double v)
        {
            var t = Gradient switch
            {
                0 => u,
                1 => v,
                2 => (u + v) / 2,
                _ => (u + 1 - v) / 2,
            };
            var color = Rgb.Lerp(Light, Dark, t);

            var dx = u - CenterX;
            var dy = v - CenterY;
            var distance = Math.Sqrt((dx * dx) + (dy * dy));
            var accent = Pattern switch
            {
                0 => ((int)(distance * Frequency * 2) % 2) == 0 ? 0.45 : 0, // rings
                1 => ((int)((u + v) * Frequency) % 2) == 0 ? 0.35 : 0, // diagonal stripes
                2 => (((int)(u * Frequency) + (int)(v * Frequency)) % 2) == 0 ? 0.30 : 0, // checkers
                _ => distance < 0.22 ? 0.85 : distance < 0.26 ? 0.25 : 0, // a sun with a halo
            };

            color = Rgb.Lerp(color, Accent, accent);
            return (color.R, color.G, color.B);
        }
    }

    private readonly record struct Rgb(double R, double G, double B)
    {
        public static Rgb Lerp(Rgb a, Rgb b, double t)
            => new(a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));

        public static Rgb FromHsv(double hue, double saturation, double value)
        {
            var sector = hue / 60;
            var i = (int)sector;
            var f = sector - i;
            var p = value * (1 - saturation);
            var q = value * (1 - (saturation * f));
            var t = value * (1 - (saturation * (1 - f)));
            return (i % 6) switch
            {
                0 => new(value, t, p),
                1 => new(q, value, p),
                2 => new(p, value, t),
                3 => new(p, q, value),
                4 => new(t, p, value),
                _ => new(value, p, q),
            };
        }
    }
}
