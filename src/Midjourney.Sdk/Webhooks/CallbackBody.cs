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

    /// <summary>
    /// The longest task id a callback may name. The providers' ids are 16 to 40 characters (a UUID, 32 hex digits, a
    /// millisecond time with a suffix); the id is read before the callback is verified, and quoted in the refusal.
    /// </summary>
    public const int MaxIdLength = 128;

    /// <summary>
    /// The id a callback must name; refused when it names none, or one no provider makes (too long, or with control
    /// characters): it comes from a body not yet verified, and goes into messages and logs.
    /// </summary>
    public static string RequireId(string? id, MidjourneyProvider provider, string field)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw Unreadable(provider, $"it names no task ({field} is missing)");
        }

        if (id.Length > MaxIdLength || id.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || id.Contains('\u007F'))
        {
            throw Unreadable(provider, $"its {field} is not a task id ({id.Length} characters, at most {MaxIdLength} without control characters)");
        }

        return id;
    }

    public static MidjourneyWebhookException Unreadable(MidjourneyProvider provider, string what) =>
        new($"The callback is not {provider}'s callback: {what}.", MidjourneyWebhookRefusal.Unreadable) { Provider = provider };

    /// <summary>The body kept as the task's raw JSON (a copy: the caller's buffer may be reused).</summary>
    public static RawJsonPayload Raw(ReadOnlyMemory<byte> body) => new(body.ToArray());
}
