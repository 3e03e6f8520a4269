using System.Globalization;

namespace Midjourney.Sdk.Providers.MidApi;

/// <summary>
/// The neutral imagine values as midapi's fields take them. midapi validates these as closed lists, so a value outside
/// them fails here with an <see cref="ArgumentException"/> naming it, before a billable call is sent.
/// </summary>
internal static class MidApiFields
{
    public const int MaxPromptLength = 2000;

    /// <summary>The aspect ratios midapi offers, in its own order.</summary>
    public static readonly IReadOnlyList<string> AspectRatios = ["1:2", "9:16", "2:3", "3:4", "5:6", "6:5", "4:3", "3:2", "1:1", "16:9", "2:1"];

    /// <summary>The versions midapi offers, spelled as its <c>version</c> field takes them.</summary>
    public static readonly IReadOnlyList<string> Versions = ["7", "6.1", "6", "5.2", "5.1", "niji6"];

    public static string Prompt(string prompt)
    {
        string trimmed = prompt.Trim();
        return trimmed.Length <= MaxPromptLength
            ? trimmed
            : throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Prompt has {trimmed.Length} characters; midapi takes at most {MaxPromptLength}."),
                nameof(ImagineRequest.Prompt));
    }

    public static string? Speed(MidjourneySpeed? speed) => speed switch
    {
        MidjourneySpeed.Relax => "relaxed",
        MidjourneySpeed.Fast => "fast",
        MidjourneySpeed.Turbo => "turbo",
        _ => null,
    };

    public static string? AspectRatio(string? aspectRatio) => aspectRatio is null || AspectRatios.Contains(aspectRatio)
        ? aspectRatio
        : throw new ArgumentException(
            $"AspectRatio '{aspectRatio}' is not one midapi offers: {string.Join(", ", AspectRatios)}.", nameof(ImagineRequest.AspectRatio));

    /// <summary>
    /// The facade's spellings (<c>7</c>, <c>v7</c>, <c>6.1</c>, <c>niji 6</c>, <c>niji6</c>, <c>6.0</c>) as midapi's; any other
    /// version is an <see cref="ArgumentException"/> rather than a pass-through the provider would refuse after the call.
    /// </summary>
    public static string? Version(string? version)
    {
        if (version is null)
        {
            return null;
        }

        string key = string.Concat(version.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_'))).ToLowerInvariant();
        bool niji = key.StartsWith("niji", StringComparison.Ordinal);
        string number = niji ? key["niji".Length..] : key.TrimStart('v');
        if (number.EndsWith(".0", StringComparison.Ordinal))
        {
            number = number[..^2];
        }

        string wire = niji ? "niji" + number : number;
        return Versions.Contains(wire)
            ? wire
            : throw new ArgumentException(
                $"Version '{version}' is not one midapi offers: 7, 6.1, 6, 5.2, 5.1 or niji 6.", nameof(ImagineRequest.Version));
    }
}
