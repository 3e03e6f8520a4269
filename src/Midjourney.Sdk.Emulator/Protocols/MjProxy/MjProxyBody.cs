using System.Text.Json;

namespace Midjourney.Sdk.Emulator.Protocols.MjProxy;

/// <summary>
/// Typed reads of an MJ-Proxy request body. A field of the wrong JSON type fails model binding on the real servers
/// (HTTP 400); a missing or empty required field is their validation error (code 4 with HTTP 200).
/// </summary>
internal readonly struct MjProxyBody(JsonElement root)
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
        return string.IsNullOrWhiteSpace(value) ? throw new MjProxyCodeException(MjProxyNames.ValidationError, $"{name} must not be empty") : value;
    }

    /// <summary>A JSON boolean, or <see langword="null"/> when absent.</summary>
    public bool? Boolean(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw new RequestRejectedException($"{name} must be true or false"),
    };

    /// <summary>A whole JSON number, or <see langword="null"/> when absent.</summary>
    public int? Integer(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
        _ => throw new RequestRejectedException($"{name} must be an integer"),
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

        return [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw new RequestRejectedException($"{name} must be an array of strings"))];
    }

    private JsonElement? Find(string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
