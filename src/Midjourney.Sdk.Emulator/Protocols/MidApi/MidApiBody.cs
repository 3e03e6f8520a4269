using System.Text.Json;

namespace Midjourney.Sdk.Emulator.Protocols.MidApi;

/// <summary>Typed reads of a midapi request body; a field of the wrong JSON type is code 422 naming the field.</summary>
internal readonly struct MidApiBody(JsonElement root)
{
    public const int ValidationError = 422;

    public JsonElement Root => root;

    /// <summary>The string value, or <see langword="null"/> when the field is absent or JSON null.</summary>
    public string? String(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw Invalid($"{name} must be a string"),
    };

    /// <summary>A string that must be present and not blank.</summary>
    public string RequiredString(string name)
    {
        var value = String(name);
        return string.IsNullOrWhiteSpace(value) ? throw Invalid($"{name} is required") : value;
    }

    public bool? Boolean(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid($"{name} must be true or false"),
    };

    /// <summary>A whole JSON number within <paramref name="min"/>..<paramref name="max"/>, or <see langword="null"/> when absent.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Invalid($"{name} must be an integer");
        }

        return number >= min && number <= max ? number : throw Invalid($"{name} must be between {min} and {max}, not {number}");
    }

    /// <summary>An array of strings, or <see langword="null"/> when absent.</summary>
    public IReadOnlyList<string>? StringArray(string name)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"{name} must be an array of strings");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid($"{name} must be an array of strings"));
        }

        return items;
    }

    public static RequestRejectedException Invalid(string message) => new(ValidationError, message);

    private JsonElement? Find(string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
