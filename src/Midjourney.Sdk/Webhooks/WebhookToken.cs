using System.Security.Cryptography;
using System.Text;

namespace Midjourney.Sdk.Webhooks;

/// <summary>
/// The token the SDK puts in the callback URL for providers that carry no secret (MJ-Proxy, APIXO, midapi): an HMAC of a
/// fixed label keyed with the secret, so the URL never holds the secret itself and a token proves knowledge of it.
/// Checked in constant time.
/// </summary>
internal static class WebhookToken
{
    /// <summary>The query parameter that carries the token.</summary>
    public const string QueryName = "mjsdk_token";

    private static readonly byte[] Label = "Midjourney.Sdk webhook token v1"u8.ToArray();

    /// <summary>The token for <paramref name="secret"/>, base64url without padding (43 characters).</summary>
    public static string For(string secret) => Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Label));

    /// <summary><paramref name="url"/> with the token for <paramref name="secret"/> added to its query.</summary>
    public static Uri AddTo(Uri url, string secret)
    {
        var builder = new UriBuilder(url);
        string pair = QueryName + "=" + For(secret);
        builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + pair : pair;
        return builder.Uri;
    }

    /// <summary>Whether <paramref name="url"/> carries the token for <paramref name="secret"/>; compared in constant time.</summary>
    public static bool IsIn(Uri? url, string secret)
    {
        string? presented = url is null ? null : QueryValue(url, QueryName);
        if (presented is null)
        {
            return false;
        }

        byte[] expected = Encoding.ASCII.GetBytes(For(secret));
        byte[] actual = Encoding.ASCII.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string? QueryValue(Uri url, string name)
    {
        string query = url.IsAbsoluteUri ? url.Query : "";
        foreach (string part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part.AsSpan(0, equals).SequenceEqual(name))
            {
                return Uri.UnescapeDataString(part[(equals + 1)..]);
            }
        }

        return null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
