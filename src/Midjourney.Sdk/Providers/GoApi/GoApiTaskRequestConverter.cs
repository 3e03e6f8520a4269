using System.Text.Json;
using System.Text.Json.Serialization;
using Midjourney.Sdk.Providers.Json;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>
/// Reads <c>meta.task_request</c> leniently: from an object, its <c>prompt</c> and <c>origin_task_id</c> (strings, or numbers
/// as text); anything else (a string, an array) is null, as an answer with an odd echo is still a task.
/// </summary>
internal sealed class GoApiTaskRequestConverter : JsonConverter<GoApiTaskRequest?>
{
    private static readonly LenientStringConverter Text = new();

    public override bool HandleNull => true;

    public override GoApiTaskRequest? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? prompt = null;
        string? originTaskId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isPrompt = reader.ValueTextEquals("prompt"u8);
            bool isOrigin = !isPrompt && reader.ValueTextEquals("origin_task_id"u8);
            reader.Read();
            if (isPrompt)
            {
                prompt = Text.Read(ref reader, typeof(string), options);
            }
            else if (isOrigin)
            {
                originTaskId = Text.Read(ref reader, typeof(string), options);
            }
            else
            {
                reader.Skip();
            }
        }

        return new GoApiTaskRequest { Prompt = prompt, OriginTaskId = originTaskId };
    }

    public override void Write(Utf8JsonWriter writer, GoApiTaskRequest? value, JsonSerializerOptions options) =>
        throw new NotSupportedException("The echoed request is only read.");
}
