using System.Text.Json;
using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Providers.Json;

/// <summary>
/// Reads a time as <see cref="WireValues.Timestamp(System.Text.Json.JsonElement?)"/> does (epoch seconds or milliseconds, as a number or a string, or an
/// ISO 8601 string; 0 or unreadable is null), straight from the reader.
/// </summary>
internal sealed class WireTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out long epoch):
                return WireValues.FromEpoch(epoch);
            case JsonTokenType.Number when reader.TryGetDouble(out double fractional) && double.IsFinite(fractional):
                return WireValues.FromEpoch((long)fractional);
            case JsonTokenType.String:
                return WireValues.Timestamp(reader.GetString());
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Times are only read.");
}
