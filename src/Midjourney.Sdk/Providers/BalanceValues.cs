using System.Globalization;
using System.Text.Json;

namespace Midjourney.Sdk.Providers;

/// <summary>Reads a balance leniently: a number, a string holding one, or an object with one under a known name.</summary>
internal static class BalanceValues
{
    private static readonly string[] Names = ["balance", "amount", "currentBalance", "current_balance", "credit", "credits", "remaining"];

    public static decimal? Amount(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetDecimal(out decimal number) ? number : null;
            case JsonValueKind.String:
                return decimal.TryParse(element.GetString()?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal parsed) ? parsed : null;
            case JsonValueKind.Object:
                foreach (string name in Names)
                {
                    if (element.TryGetProperty(name, out JsonElement inner) && inner.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                    {
                        return Amount(inner);
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
