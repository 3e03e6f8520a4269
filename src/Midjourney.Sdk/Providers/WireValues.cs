using System.Globalization;
using System.Text.Json;

namespace Midjourney.Sdk.Providers;

/// <summary>Lenient readers for the loosely typed values providers send (numbers as strings, epoch seconds or milliseconds).</summary>
internal static class WireValues
{
    // Epoch values above this are milliseconds (1e11 s is the year 5138).
    private const long MillisecondsThreshold = 100_000_000_000;

    // 9999-12-31T23:59:59.999Z, the last instant DateTimeOffset.FromUnixTimeMilliseconds accepts.
    private const long MaxEpochMilliseconds = 253_402_300_799_999;

    /// <summary>An epoch time in seconds or milliseconds, or an ISO 8601 string; 0, negative or unreadable is null (not yet).</summary>
    public static DateTimeOffset? Timestamp(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long epoch))
        {
            return FromEpoch(epoch);
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double fractional))
        {
            return FromEpoch((long)fractional);
        }

        return element.ValueKind == JsonValueKind.String ? Timestamp(element.GetString()) : null;
    }

    /// <summary>Epoch seconds or milliseconds written as text, or an ISO 8601 string; unreadable or before 2000 is null.</summary>
    public static DateTimeOffset? Timestamp(string? text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed))
        {
            return FromEpoch(parsed);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date) && date.Year >= 2000
            ? date
            : null;
    }

    public static DateTimeOffset? FromEpoch(long epoch) => epoch switch
    {
        // Beyond what DateTimeOffset holds (microseconds, garbage) is unreadable: null, not an ArgumentOutOfRangeException.
        <= 0 or > MaxEpochMilliseconds => null,
        > MillisecondsThreshold => DateTimeOffset.FromUnixTimeMilliseconds(epoch),
        _ => DateTimeOffset.FromUnixTimeSeconds(epoch),
    };

    /// <summary>A percentage given as a number, <c>"65"</c> or <c>"65%"</c>, clamped to 0..100; null when absent or unreadable.</summary>
    public static int? Percent(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Number => Percent(element.GetDouble()),
            JsonValueKind.String => Percent(element.GetString()),
            _ => null,
        };
    }

    /// <summary><c>"65"</c> or <c>"65%"</c> as a percentage clamped to 0..100; null when unreadable.</summary>
    public static int? Percent(string? text) =>
        double.TryParse(text?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? Percent(number) : null;

    /// <summary>A number as a percentage clamped to 0..100; null when not finite.</summary>
    public static int? Percent(double number) => double.IsFinite(number) ? (int)Math.Clamp(Math.Round(number), 0, 100) : null;

    /// <summary>An absolute http(s) URL, or null for an empty or malformed one.</summary>
    public static Uri? Url(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Uri.TryCreate(value.Trim(), UriKind.Absolute, out Uri? uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>The absolute URLs among <paramref name="values"/>, in order; never null.</summary>
    public static IReadOnlyList<Uri> Urls(IEnumerable<string?>? values)
    {
        if (values is null)
        {
            return [];
        }

        List<Uri>? urls = null;
        foreach (string? value in values)
        {
            if (Url(value) is Uri url)
            {
                (urls ??= new List<Uri>(values.TryGetNonEnumeratedCount(out int count) ? count : 4)).Add(url);
            }
        }

        return urls is null ? [] : urls;
    }

    /// <summary>Text for a string-valued property that some servers send as a number (task ids, seeds).</summary>
    public static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        _ => null,
    };
}
