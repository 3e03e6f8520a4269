using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Midjourney.Sdk.Providers.GoApi;

/// <summary>
/// Reads <c>task_result.actions</c> straight into the task model's follow-ups, as polls read it again and again: the names
/// GoAPI uses are matched on their UTF-8 bytes to shared (immutable) <see cref="MidjourneyAvailableAction"/> values, and a
/// list made only of such names is shared too, so a poll of a finished task allocates nothing for it. An unknown name is
/// read as text and parsed as <see cref="GoApiActions"/> does; a null or blank entry is skipped; anything but an array is null.
/// </summary>
internal sealed class GoApiActionsConverter : JsonConverter<IReadOnlyList<MidjourneyAvailableAction>?>
{
    /// <summary>The names GoAPI gives a grid's and an upscaled image's buttons.</summary>
    private static readonly string[] KnownNames =
    [
        "reroll", "upscale1", "upscale2", "upscale3", "upscale4", "variation1", "variation2", "variation3", "variation4",
        "upscale_2x", "upscale_4x", "upscale_subtle", "upscale_creative", "high_variation", "low_variation", "inpaint",
        "outpaint_1.5x", "outpaint_2x", "outpaint_custom", "square", "pan_up", "pan_down", "pan_left", "pan_right",
    ];

    private static readonly byte[][] KnownUtf8 = [.. KnownNames.Select(Encoding.UTF8.GetBytes)];
    private static readonly MidjourneyAvailableAction[] Known = [.. KnownNames.Select(GoApiActions.Parse)];

    /// <summary>The lists of known names seen, by their names' positions (6 bits each, up to 21 names); bounded, so hostile answers cannot grow it.</summary>
    private static readonly ConcurrentDictionary<UInt128, IReadOnlyList<MidjourneyAvailableAction>> Lists = new();
    private const int MaxLists = 256;
    private static int _listCount;
    private const int MaxKeyedLength = 21;

    public override IReadOnlyList<MidjourneyAvailableAction>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        // Known names are kept as positions until the list is complete: a list seen before is then shared, not built.
        Span<byte> positions = stackalloc byte[MaxKeyedLength];
        int count = 0;
        List<MidjourneyAvailableAction>? built = null; // once the list cannot be keyed (an unknown name, or too long)
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            int known = KnownIndex(ref reader);
            if (built is null && known >= 0 && count < MaxKeyedLength)
            {
                positions[count++] = (byte)known;
                continue;
            }

            built ??= FromPositions(positions[..count]);
            if ((known >= 0 ? Known[known] : Unknown(ref reader)) is { } action)
            {
                built.Add(action);
            }
        }

        if (built is not null)
        {
            return built.ToArray();
        }

        if (count == 0)
        {
            return [];
        }

        UInt128 key = 0;
        for (int i = 0; i < count; i++)
        {
            key |= (UInt128)(uint)(positions[i] + 1) << (6 * i);
        }

        if (Lists.TryGetValue(key, out IReadOnlyList<MidjourneyAvailableAction>? shared))
        {
            return shared;
        }

        ReadOnlyCollection<MidjourneyAvailableAction> list = Array.AsReadOnly(FromPositions(positions[..count]).ToArray());
        if (Volatile.Read(ref _listCount) >= MaxLists)
        {
            return list;
        }

        // A counter, not Lists.Count, which takes every lock of the dictionary.
        if (Lists.TryAdd(key, list))
        {
            Interlocked.Increment(ref _listCount);
            return list;
        }

        return Lists.TryGetValue(key, out shared) ? shared : list;
    }

    private static List<MidjourneyAvailableAction> FromPositions(ReadOnlySpan<byte> positions)
    {
        var list = new List<MidjourneyAvailableAction>(positions.Length + 4);
        foreach (byte position in positions)
        {
            list.Add(Known[position]);
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<MidjourneyAvailableAction>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (MidjourneyAvailableAction action in value)
        {
            writer.WriteStringValue(action.Name);
        }

        writer.WriteEndArray();
    }

    private static int KnownIndex(ref Utf8JsonReader reader)
    {
        for (int i = 0; i < KnownUtf8.Length; i++)
        {
            if (reader.ValueTextEquals(KnownUtf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static MidjourneyAvailableAction? Unknown(ref Utf8JsonReader reader)
    {
        string? name = reader.GetString();
        return string.IsNullOrWhiteSpace(name) ? null : GoApiActions.Parse(name.Trim());
    }
}
