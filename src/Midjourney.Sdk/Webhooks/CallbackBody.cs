using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Midjourney.Sdk.Webhooks;

/// <summary>Reads a callback body into a provider's wire type; anything that is not that JSON is refused as unreadable.</summary>
internal static class CallbackBody
{
    public static T Read<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> type, MidjourneyProvider provider)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, type) ?? throw Unreadable(provider, "the body is null");
        }
        catch (JsonException ex)
        {
            throw new MidjourneyWebhookException($"The callback is not {provider}'s JSON: {ex.Message}", MidjourneyWebhookRefusal.Unreadable, ex) { Provider = provider };
        }
    }

    /// <summary>The id a callback must name; refused when it names none.</summary>
    public static string RequireId(string? id, MidjourneyProvider provider, string field) =>
        string.IsNullOrWhiteSpace(id) ? throw Unreadable(provider, $"it names no task ({field} is missing)") : id;

    public static MidjourneyWebhookException Unreadable(MidjourneyProvider provider, string what) =>
        new($"The callback is not {provider}'s callback: {what}.", MidjourneyWebhookRefusal.Unreadable) { Provider = provider };

    /// <summary>The body kept as the task's raw JSON (a copy: the caller's buffer may be reused).</summary>
    public static RawJsonPayload Raw(ReadOnlyMemory<byte> body) => new(body.ToArray());
}
