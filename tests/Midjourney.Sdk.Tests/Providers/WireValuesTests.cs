using System.Text.Json;
using Midjourney.Sdk.Providers;

namespace Midjourney.Sdk.Tests.Providers;

/// <summary>Lenient readers for loosely typed provider values: never a crash, null when unreadable.</summary>
public sealed class WireValuesTests
{
    private static readonly DateTimeOffset NewYear2026 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonElement Json(string raw)
    {
        using JsonDocument document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }

    // ---- Timestamp ----

    [Theory]
    [InlineData("1767225600")]
    [InlineData("1767225600000")]
    [InlineData("\"1767225600\"")]
    [InlineData("\"1767225600000\"")]
    [InlineData("1767225600.4")]
    [InlineData("\"2026-01-01T00:00:00Z\"")]
    [InlineData("\"2026-01-01T01:00:00+01:00\"")]
    public void Timestamp_SecondsMillisecondsOrIso_AllMeanTheSameInstant(string raw)
    {
        Assert.Equal(NewYear2026, WireValues.Timestamp(Json(raw)));
    }

    [Fact]
    public void Timestamp_SecondsAndMilliseconds_KeepTheirPrecision()
    {
        Assert.Equal(NewYear2026.AddSeconds(10), WireValues.Timestamp(Json("1767225610")));
        Assert.Equal(NewYear2026.AddMilliseconds(250), WireValues.Timestamp(Json("1767225600250")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("\"0\"")]
    [InlineData("-5")]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"soon\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("\"1970-01-01T00:00:00Z\"")]
    [InlineData("\"0001-01-01T00:00:00\"")]
    public void Timestamp_ZeroNegativeOrUnreadable_IsNull(string raw)
    {
        Assert.Null(WireValues.Timestamp(Json(raw)));
    }

    [Theory]
    [InlineData("1767225600000000")]
    [InlineData("9223372036854775807")]
    [InlineData("\"99999999999999999\"")]
    [InlineData("1e30")]
    public void Timestamp_OutOfRange_IsNullNotACrash(string raw)
    {
        Assert.Null(WireValues.Timestamp(Json(raw)));
    }

    [Fact]
    public void Timestamp_Absent_IsNull()
    {
        Assert.Null(WireValues.Timestamp((JsonElement?)null));
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(-1L, null)]
    [InlineData(1L, "1970-01-01T00:00:01Z")]
    [InlineData(99_999_999_999L, "5138-11-16T09:46:39Z")]
    [InlineData(100_000_000_001L, "1973-03-03T09:46:40.001Z")]
    public void FromEpoch_ThresholdBetweenSecondsAndMilliseconds(long epoch, string? expected)
    {
        Assert.Equal(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WireValues.FromEpoch(epoch));
    }

    // ---- Percent ----

    [Theory]
    [InlineData("65", 65)]
    [InlineData("\"65\"", 65)]
    [InlineData("\"65%\"", 65)]
    [InlineData("\" 65 % \"", 65)]
    [InlineData("65.6", 66)]
    [InlineData("\"12.4%\"", 12)]
    [InlineData("0", 0)]
    [InlineData("\"0%\"", 0)]
    [InlineData("100", 100)]
    [InlineData("150", 100)]
    [InlineData("-3", 0)]
    public void Percent_NumberOrString_ClampedToZeroToHundred(string raw, int expected)
    {
        Assert.Equal(expected, WireValues.Percent(Json(raw)));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"%\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("1e400")]
    [InlineData("true")]
    [InlineData("[65]")]
    public void Percent_Unreadable_IsNullNotACrash(string raw)
    {
        Assert.Null(WireValues.Percent(Json(raw)));
    }

    [Fact]
    public void Percent_Absent_IsNull()
    {
        Assert.Null(WireValues.Percent((JsonElement?)null));
    }

    // ---- Url / Urls / Text ----

    [Theory]
    [InlineData("https://img.test/a.png", "https://img.test/a.png")]
    [InlineData("  http://img.test/a.png ", "http://img.test/a.png")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    [InlineData("not a url", null)]
    [InlineData("/relative/a.png", null)]
    [InlineData("ftp://img.test/a.png", null)]
    public void Url_OnlyAbsoluteHttpOrHttps(string? value, string? expected)
    {
        Assert.Equal(expected is null ? null : new Uri(expected), WireValues.Url(value));
    }

    [Fact]
    public void Urls_KeepsValidOnesInOrderAndDropsTheRest()
    {
        Assert.Equal(
            [new Uri("https://img.test/1.png"), new Uri("https://img.test/3.png")],
            WireValues.Urls(["https://img.test/1.png", null, "", "junk", "https://img.test/3.png"]));
    }

    [Fact]
    public void Urls_Null_IsEmptyNotNull()
    {
        Assert.Empty(WireValues.Urls(null));
    }

    [Theory]
    [InlineData("\"task-1\"", "task-1")]
    [InlineData("1234567890123456789", "1234567890123456789")]
    [InlineData("null", null)]
    [InlineData("true", null)]
    [InlineData("{}", null)]
    public void Text_StringOrNumber_GivesText(string raw, string? expected)
    {
        Assert.Equal(expected, WireValues.Text(Json(raw)));
    }

    // ---- the converters the wire DTOs use read exactly what the element readers read ----

    public static TheoryData<string> TimestampInputs =>
    [
        "1767225600", "1767225600000", "\"1767225600\"", "\"1767225600000\"", "1767225600.4", "\"2026-01-01T00:00:00Z\"",
        "\"2026-01-01T01:00:00+01:00\"", "0", "\"0\"", "-5", "null", "\"\"", "\"soon\"", "true", "{}", "{\"a\":[1,{}]}", "[1,2]",
        "\"1970-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00\"", "1767225600000000", "9223372036854775807", "\"99999999999999999\"",
    ];

    public static TheoryData<string> PercentInputs =>
    [
        "65", "\"65\"", "\"65%\"", "\" 65 % \"", "65.6", "\"12.4%\"", "0", "100", "150", "-3",
        "null", "\"\"", "\"%\"", "\"abc\"", "\"NaN\"", "\"Infinity\"", "1e400", "true", "[65]", "{\"p\":1}",
    ];

    public static TheoryData<string> TextInputs => ["\"abc\"", "1234567890123", "12.5", "-3", "\"\"", "null", "true", "{}", "[\"a\"]"];

    [Theory]
    [MemberData(nameof(TimestampInputs))]
    public void WireTimestampConverter_AnyValue_ReadsWhatTimestampReadsAndConsumesIt(string raw)
    {
        Assert.Equal(WireValues.Timestamp(Json(raw)), ReadInArray(raw, new Midjourney.Sdk.Providers.Json.WireTimestampConverter()));
    }

    [Theory]
    [MemberData(nameof(PercentInputs))]
    public void WirePercentConverter_AnyValue_ReadsWhatPercentReadsAndConsumesIt(string raw)
    {
        Assert.Equal(WireValues.Percent(Json(raw)), ReadInArray(raw, new Midjourney.Sdk.Providers.Json.WirePercentConverter()));
    }

    [Theory]
    [MemberData(nameof(TextInputs))]
    public void LenientStringConverter_AnyValue_ReadsWhatTextReadsAndConsumesIt(string raw)
    {
        Assert.Equal(WireValues.Text(Json(raw)), ReadInArray(raw, new Midjourney.Sdk.Providers.Json.LenientStringConverter()));
    }

    /// <summary>Reads <paramref name="raw"/> as the first item of <c>[raw, "next"]</c> and checks the reader then stands on <c>"next"</c>.</summary>
    private static T? ReadInArray<T>(string raw, System.Text.Json.Serialization.JsonConverter<T> converter)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes($"[{raw},\"next\"]"));
        reader.Read();
        reader.Read();
        T? value = converter.Read(ref reader, typeof(T), JsonSerializerOptions.Default);
        reader.Read();
        Assert.Equal("next", reader.GetString());
        return value;
    }
}
