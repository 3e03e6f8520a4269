using System.Text.Json;

namespace Midjourney.Sdk.Emulator.Protocols.Apixo;

/// <summary>
/// Typed reads of one JSON object of an APIXO request (the body, <c>input</c>, <c>mask</c>, ...); a field of the wrong JSON
/// type is a 400 naming the field by its path (<c>input.imageIndex</c>), so a client's type mistakes show up here.
/// </summary>
internal readonly struct ApixoFields(JsonElement root, string path)
{
    public JsonElement Root => root;

    public bool Has(string name) => Find(name) is not null;

    public string Name(string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The string value, or <see langword="null"/> when the field is absent or JSON null.</summary>
    public string? String(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new RequestRejectedException($"{Name(name)} must be a string"),
    };

    public string RequiredString(string name)
    {
        var value = String(name);
        return string.IsNullOrWhiteSpace(value) ? throw new RequestRejectedException($"{Name(name)} is required") : value;
    }

    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/>, or <see langword="null"/> when absent.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (Find(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new RequestRejectedException($"{Name(name)} must be a whole number, not {value.GetRawText()}");
        }

        return number >= min && number <= max
            ? number
            : throw new RequestRejectedException($"{Name(name)} must be between {min} and {max}, not {number}");
    }

    public int RequiredInteger(string name, int min, int max)
        => Integer(name, min, max) ?? throw new RequestRejectedException($"{Name(name)} is required");

    public bool? Boolean(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new RequestRejectedException($"{Name(name)} must be true or false"),
    };

    /// <summary>A nested object, or <see langword="null"/> when absent.</summary>
    public ApixoFields? Object(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => new ApixoFields(value, Name(name)),
        _ => throw new RequestRejectedException($"{Name(name)} must be an object"),
    };

    public IReadOnlyList<JsonElement>? Array(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } value => [.. value.EnumerateArray()],
        _ => throw new RequestRejectedException($"{Name(name)} must be an array"),
    };

    public IReadOnlyList<string>? StringArray(string name)
    {
        if (Array(name) is not { } items)
        {
            return null;
        }

        return items.All(item => item.ValueKind == JsonValueKind.String)
            ? [.. items.Select(item => item.GetString()!)]
            : throw new RequestRejectedException($"{Name(name)} must be an array of strings");
    }

    private JsonElement? Find(string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
