using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Midjourney.Sdk.Webhooks;

/// <summary>
/// Checks that a callback is genuine, the way each provider allows: GoAPI echoes the secret in <c>x-webhook-secret</c>;
/// kie.ai signs the task id and a timestamp (<c>X-Webhook-Timestamp</c>, <c>X-Webhook-Signature</c>) when it signs;
/// otherwise the SDK's token in the callback URL. Every comparison takes constant time.
/// </summary>
internal static class WebhookVerifier
{
    public const string SecretHeader = "x-webhook-secret";
    public const string TimestampHeader = "X-Webhook-Timestamp";
    public const string SignatureHeader = "X-Webhook-Signature";

    /// <summary>A signed callback older or newer than this (by its timestamp) is refused: a replay, or a wrong clock.</summary>
    public static readonly TimeSpan SignatureWindow = TimeSpan.FromHours(1);

    /// <summary>Null when the callback is genuine; otherwise why not (never quoting the secret or what was presented).</summary>
    public static string? Problem(MidjourneyProvider provider, MidjourneyWebhookRequest request, string taskId, string secret, DateTimeOffset now)
    {
        if (provider == MidjourneyProvider.GoApi)
        {
            return request.Headers.TryGetValue(SecretHeader, out string? echoed)
                ? SameSecret(echoed, secret) ? null : $"the {SecretHeader} header does not match the secret"
                : $"the {SecretHeader} header is missing";
        }

        if (provider == MidjourneyProvider.MidApi
            && request.Headers.TryGetValue(SignatureHeader, out string? signature)
            && request.Headers.TryGetValue(TimestampHeader, out string? timestamp))
        {
            return SignatureProblem(taskId, timestamp, signature, secret, now);
        }

        return WebhookToken.IsIn(request.Url, secret)
            ? null
            : request.Url is null
                ? "the callback URL was not given, so its token cannot be checked"
                : $"the callback URL's {WebhookToken.QueryName} is missing or wrong";
    }

    private static string? SignatureProblem(string taskId, string timestamp, string signature, string secret, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seconds)
            || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return $"the {TimestampHeader} header is not a unix time";
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > SignatureWindow)
        {
            return $"the {TimestampHeader} is more than {SignatureWindow.TotalMinutes} minutes from now";
        }

        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(taskId + "." + timestamp));
        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return $"the {SignatureHeader} header is not base64";
        }

        return CryptographicOperations.FixedTimeEquals(expected, presented) ? null : $"the {SignatureHeader} does not match";
    }

    /// <summary>Compares hashes, so the time taken says nothing of the secret's length or contents.</summary>
    private static bool SameSecret(string presented, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
