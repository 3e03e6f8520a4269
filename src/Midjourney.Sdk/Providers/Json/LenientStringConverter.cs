using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Providers.Json;

/// <summary>
/// Reads a value some servers send as a string and others as a number (task ids, seeds) as text; anything else
/// (an object, an array, a boolean) as null. Straight from the reader, without a <see cref="JsonDocument"/> per value.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
