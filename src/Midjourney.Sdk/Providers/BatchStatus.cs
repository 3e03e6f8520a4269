using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Midjourney.Sdk.Providers;

/// <summary>
/// Turns the items of a batch status answer into tasks. An item that is <c>null</c>, unreadable or without an id is
/// left out rather than failing the whole batch: the tracker fetches that task alone, and that answer says what is wrong.
/// </summary>
internal static class BatchStatus
{
    public static IReadOnlyList<MidjourneyTask> Map<TWire>(
        IEnumerable<JsonElement> items, JsonTypeInfo<TWire> wireType, Func<TWire, RawJsonPayload, MidjourneyTask> map)
    {
        var tasks = new List<MidjourneyTask>();
        foreach (JsonElement item in items)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            try
            {
                if (item.Deserialize(wireType) is { } wire && map(wire, new RawJsonPayload(item.GetRawText())) is { Id.Length: > 0 } task)
                {
                    tasks.Add(task);
                }
            }
            catch (Exception ex) when (ex is JsonException or MidjourneyException or FormatException or ArgumentException or InvalidOperationException)
            {
                // Left out on purpose (see the class comment).
            }
        }

        return tasks;
    }
}
