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

        if (element.ValueKind == JsonValueKind.String)
        {
            string? text = element.GetString();
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed))
            {
                return FromEpoch(parsed);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
            {
                return date.Year < 2000 ? null : date;
            }
        }

        return null;
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

        double? number = element.ValueKind switch
        {
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.String when double.TryParse(element.GetString()?.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => null,
        };
        return number is double n && double.IsFinite(n) ? (int)Math.Clamp(Math.Round(n), 0, 100) : null;
    }

    /// <summary>An absolute http(s) URL, or null for an empty or malformed one.</summary>
    public static Uri? Url(string? value) =>
        !string.IsNullOrWhiteSpace(value) && Uri.TryCreate(value.Trim(), UriKind.Absolute, out Uri? uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;

    /// <summary>The absolute URLs among <paramref name="values"/>, in order; never null.</summary>
    public static IReadOnlyList<Uri> Urls(IEnumerable<string?>? values) =>
        values is null ? [] : values.Select(Url).OfType<Uri>().ToArray();

    /// <summary>Text for a string-valued property that some servers send as a number (task ids, seeds).</summary>
    public static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        _ => null,
    };
}
