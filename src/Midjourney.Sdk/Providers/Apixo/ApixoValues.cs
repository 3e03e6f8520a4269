using System.Text.RegularExpressions;

namespace Midjourney.Sdk.Providers.Apixo;

/// <summary>How APIXO spells the neutral values: versions, speeds, aspect ratios, indexes and types.</summary>
internal static partial class ApixoValues
{
    /// <summary>The aspect ratios APIXO's Midjourney model offers.</summary>
    public static readonly IReadOnlyList<string> AspectRatios = ["1:1", "1:2", "2:1", "2:3", "3:2", "3:4", "4:3", "5:6", "6:5", "9:16", "16:9"];

    /// <summary>APIXO's <c>version</c>: <c>7</c>, <c>v7</c> and <c>V 7.0</c> become <c>v7</c>; <c>niji6</c> and <c>niji 6</c> become <c>niji 6</c>.</summary>
    /// <exception cref="ArgumentException">The text is not a Midjourney version.</exception>
    public static string Version(string version)
    {
        Match match = VersionPattern().Match(version.Trim());
        if (!match.Success)
        {
            throw new ArgumentException(
                $"Version '{version}' is not a Midjourney version APIXO takes; use one such as '7', '6.1', '6', 'niji 6' or 'niji 7'.", nameof(ImagineRequest.Version));
        }

        string number = match.Groups["number"].Value;
        if (number.EndsWith(".0", StringComparison.Ordinal))
        {
            number = number[..^2];
        }

        return match.Groups["niji"].Success ? "niji " + number : "v" + number;
    }

    public static string? Speed(MidjourneySpeed? speed) => speed switch
    {
        MidjourneySpeed.Relax => "relaxed",
        MidjourneySpeed.Fast => "fast",
        MidjourneySpeed.Turbo => "turbo",
        _ => null,
    };

    /// <exception cref="ArgumentException">APIXO does not offer <paramref name="aspectRatio"/>.</exception>
    public static string AspectRatio(string aspectRatio)
    {
        string trimmed = aspectRatio.Trim();
        return AspectRatios.Contains(trimmed, StringComparer.Ordinal)
            ? trimmed
            : throw new ArgumentException(
                $"AspectRatio '{aspectRatio}' is not one APIXO offers; use one of {string.Join(", ", AspectRatios)}.", nameof(ImagineRequest.AspectRatio));
    }

    /// <summary>The facade's 1..4 as APIXO's 0-based <c>imageIndex</c>.</summary>
    public static int ImageIndex(int index) => index - 1;

    /// <summary>vary's <c>type</c>. A plain V1..V4 (no strength) is strong: Midjourney's default variation mode is High Variation.</summary>
    public static int VaryType(VariationStrength? strength) => strength == VariationStrength.Subtle ? 0 : 1;

    /// <summary>upscale's <c>type</c>, or null for a mode APIXO has no type for.</summary>
    public static int? UpscaleType(UpscaleMode mode) => mode switch
    {
        UpscaleMode.Default => 0,
        UpscaleMode.Creative => 1,
        UpscaleMode.TwoX => 2,
        UpscaleMode.FourX => 3,
        _ => null,
    };

    [GeneratedRegex(@"^(?:(?<niji>niji)\s*|v(?:ersion)?\s*)?(?<number>\d+(?:\.\d+)?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
