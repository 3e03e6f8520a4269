using System.Text.Json;

namespace Midjourney.Sdk.Emulator.Protocols.GoApi;

/// <summary>Typed reads of a GoAPI request body; a field of the wrong JSON type is a 400 naming the field.</summary>
internal readonly struct GoApiBody(JsonElement root)
{
    public JsonElement Root => root;

    /// <summary>The string value, or <see langword="null"/> when the field is absent or JSON null.</summary>
    public string? String(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new RequestRejectedException($"{name} must be a string"),
    };

    /// <summary>A string that must be present and not blank.</summary>
    public string RequiredString(string name)
    {
        var value = String(name);
        return string.IsNullOrWhiteSpace(value) ? throw new RequestRejectedException($"{name} is required") : value;
    }

    public bool? Boolean(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new RequestRejectedException($"{name} must be true or false"),
    };

    /// <summary>An array of strings, or <see langword="null"/> when absent.</summary>
    public IReadOnlyList<string>? StringArray(string name)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestRejectedException($"{name} must be an array of strings");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new RequestRejectedException($"{name} must be an array of strings"));
        }

        return items;
    }

    private JsonElement? Find(string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
