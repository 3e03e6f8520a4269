using System.Text.Json;
using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Providers.Json;

/// <summary>Reads a percentage as <see cref="WireValues.Percent(System.Text.Json.JsonElement?)"/> does (a number, <c>"65"</c> or <c>"65%"</c>, clamped to 0..100), straight from the reader.</summary>
internal sealed class WirePercentConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out double number):
                return WireValues.Percent(number);
            case JsonTokenType.String:
                return WireValues.Percent(reader.GetString());
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Percentages are only read.");
}
