using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Midjourney.Sdk.Emulator.Tasks;

/// <summary>
/// The shape of a task's pictures, width:height, as Midjourney takes it: <c>--ar W:H</c> (or <c>--aspect</c>) in the prompt,
/// else the protocol's own field (GoAPI <c>aspect_ratio</c>, APIXO <c>aspect</c>/<c>aspect_ratio</c>, midapi
/// <c>aspectRatio</c>), else a blend's dimension (portrait 2:3, square 1:1, landscape 3:2); square otherwise. Ratios beyond
/// 1:4 or 4:1 are drawn at that limit.
/// </summary>
internal readonly partial record struct ImageAspect(int Width, int Height)
{
    private const double MaxRatio = 4;

    public static ImageAspect Square { get; } = new(1, 1);

    /// <summary>The aspect an imagine's prompt or request asks for.</summary>
    public static ImageAspect Of(string prompt, JsonElement request)
    {
        if (Flag().Match(prompt) is { Success: true } flag && TryParse(flag.Groups["ratio"].Value, out ImageAspect fromPrompt))
        {
            return fromPrompt;
        }

        foreach (JsonElement scope in Scopes(request))
        {
            foreach (string name in (string[])["aspect_ratio", "aspectRatio", "aspect"])
            {
                if (scope.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && TryParse(value.GetString()!, out ImageAspect fromField))
                {
                    return fromField;
                }
            }
        }

        return Square;
    }

    /// <summary>A blend's dimension (any case): portrait 2:3, landscape 3:2, else square.</summary>
    public static ImageAspect OfDimension(string dimension) => dimension.ToLowerInvariant() switch
    {
        "portrait" => new(2, 3),
        "landscape" => new(3, 2),
        _ => Square,
    };

    /// <summary>The pixel size of a picture whose longer side is <paramref name="longSide"/> (even sides, at least 2).</summary>
    public (int Width, int Height) Size(int longSide)
    {
        double ratio = Math.Clamp((double)Width / Height, 1 / MaxRatio, MaxRatio);
        int shorter = Math.Max(2, (int)Math.Round(longSide * Math.Min(ratio, 1 / ratio) / 2) * 2);
        return ratio >= 1 ? (longSide, shorter) : (shorter, longSide);
    }

    private static bool TryParse(string text, out ImageAspect aspect)
    {
        aspect = Square;
        string[] parts = text.Trim().Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            && width is > 0 and <= 10_000 && height is > 0 and <= 10_000)
        {
            aspect = new ImageAspect(width, height);
            return true;
        }

        return false;
    }

    /// <summary>The body, and the <c>input</c> object some protocols nest their parameters in.</summary>
    private static IEnumerable<JsonElement> Scopes(JsonElement request)
    {
        if (request.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        yield return request;
        if (request.TryGetProperty("input", out JsonElement input) && input.ValueKind == JsonValueKind.Object)
        {
            yield return input;
        }
    }

    [GeneratedRegex(@"--(?:ar|aspect)\s+(?<ratio>\d+:\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Flag();
}
