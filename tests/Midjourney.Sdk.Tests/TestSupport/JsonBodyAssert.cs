using System.Text.Json;

namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>Compares a recorded request's JSON body with an expected object, property by property.</summary>
public static class JsonBodyAssert
{
    /// <summary>Same property names (a null that was sent fails), same values, recursively; the message names the JSON path that differs.</summary>
    public static void Equal(RecordedRequest request, object expected)
    {
        Assert.NotNull(request.Body);
        using JsonDocument actual = JsonDocument.Parse(request.Body);
        Equal(JsonSerializer.SerializeToElement(expected), actual.RootElement, "$");
    }

    private static void Equal(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind} {expected.GetRawText()} but got {actual.ValueKind} {actual.GetRawText()}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(
                    expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
                    actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
                foreach (JsonProperty property in expected.EnumerateObject())
                {
                    Equal(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                foreach ((JsonElement e, JsonElement a, int i) in expected.EnumerateArray().Zip(actual.EnumerateArray(), Enumerable.Range(0, int.MaxValue)))
                {
                    Equal(e, a, $"{path}[{i}]");
                }

                break;
            case JsonValueKind.String:
                Assert.Equal(expected.GetString(), actual.GetString());
                break;
            default:
                Assert.Equal(expected.GetRawText(), actual.GetRawText());
                break;
        }
    }
}
